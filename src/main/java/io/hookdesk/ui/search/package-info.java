/**
 * Finding records as CSRs do in BillMax (number, names, company, email, phone, service login, {@code %} wildcard),
 * searched in the database a page at a time, with sorting done by the database.
 */
package io.hookdesk.ui.search;
