/**
 * The command line ({@code hookdesk env | apply | renew | db | hooks}): picocli commands over the one save path, for
 * scripts and batch work. stdout carries only what scripts read; messages go to stderr; the exit codes are in
 * {@link io.hookdesk.cli.ExitCodes}. The composition root provides the services through {@link io.hookdesk.cli.Backend}.
 */
package io.hookdesk.cli;
