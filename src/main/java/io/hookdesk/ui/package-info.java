/**
 * The desktop client's shell: the main window (navigation, tabs, status bar), its view model, and
 * {@link io.hookdesk.ui.DesktopUi}, which the composition root calls to put it all on a stage. The features live in
 * sub-packages: {@code form}, {@code envpanel}, {@code search}, {@code account}, {@code history}, {@code dialogs},
 * {@code connect} and {@code task}.
 */
package io.hookdesk.ui;
