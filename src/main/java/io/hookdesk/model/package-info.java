/**
 * What HookDesk's records are, with no database, process or screen in sight: the hooked tables, rows,
 * column metadata, the related records each hook receives, which columns are secrets, and how typed text becomes a value.
 */
package io.hookdesk.model;
