/**
 * Dialogs: the {@link io.hookdesk.ui.dialogs.DialogService} view models talk to, its JavaFX implementation,
 * and what the hook failure and conflict dialogs are given to show.
 */
package io.hookdesk.ui.dialogs;
