/**
 * Automated processing: advancing the invoice dates of open services, as BillMax's renewal does. Every change goes
 * through the one save path as {@link io.hookdesk.model.Origin#AUTOMATED}, which the fire policy never provisions for.
 */
package io.hookdesk.renewal;
