/**
 * Master-detail: under a record's form, the lists of its children (an account's users, services, payments and
 * tickets; a user's services ...), opening them, and creating a child with its parent filled in.
 */
package io.hookdesk.ui.account;
