/**
 * What HookDesk's records are, with no database, process or screen in sight: the hooked tables, rows,
 * column metadata, the related records each hook receives, which columns are secrets, how typed text becomes a value, and how a value is
 * written as text ({@link io.hookdesk.model.EnvValues}: a hook's variable, a field, a list cell, one safe line).
 */
package io.hookdesk.model;
