/**
 * Small helpers for the operating system's own commands, shared by the embedded server's lifecycle and the hook
 * runner so that each is looked up in one place: where util-linux {@code setsid} is ({@link io.hookdesk.os.Executables}).
 *
 * <p>May use: the JDK only. Used by {@code db.*}, {@code hook.run} and the layers above them.
 */
package io.hookdesk.os;
