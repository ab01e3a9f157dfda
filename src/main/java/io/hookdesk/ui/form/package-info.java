/**
 * The one metadata-driven form for all ten hooked tables: fields from the table's column metadata plus a declared
 * overlay ({@link io.hookdesk.ui.form.FormOverlays}: groups, labels, coded values, pickers), validation with the save
 * path's own parser, dirty tracking, and saving with the hook's outcome reported to the CSR.
 */
package io.hookdesk.ui.form;
