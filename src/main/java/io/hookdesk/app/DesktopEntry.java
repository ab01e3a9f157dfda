package io.hookdesk.app;

/** Starts the desktop client. Written by the desktop work; until then the command line is all there is. */
final class DesktopEntry {

    private DesktopEntry() {
    }

    static int launch(AppConfig.Overrides overrides) {
        System.err.println("The desktop client is not built yet; use a command such as: hookdesk hooks list");
        return 1;
    }
}
