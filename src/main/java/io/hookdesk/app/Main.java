package io.hookdesk.app;

/** {@code java -jar hookdesk.jar}: with no arguments the desktop client, otherwise the command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(args.length == 0 ? DesktopEntry.launch(AppConfig.Overrides.none()) : 2);
    }
}
