/**
 * The desktop client's shell: the main window (navigation, tabs, status bar), its view model, and
 * {@link io.hookdesk.ui.DesktopUi}, which the composition root calls to put it all on a stage. The features live in
 * sub-packages: {@code form}, {@code envpanel}, {@code search}, {@code account}, {@code history}, {@code dialogs},
 * {@code connect} and {@code task}.
 *
 * <p>May use: {@code save}, {@code records}, {@code model}. Never {@code hook}, {@code hook.run}, {@code db}, jOOQ or
 * {@code java.sql}: what the desktop shows of hooks comes from the save layer as {@code model} values.
 */
package io.hookdesk.ui;
