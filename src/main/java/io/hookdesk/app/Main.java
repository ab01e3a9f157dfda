package io.hookdesk.app;

import io.hookdesk.cli.CliRuntime;
import io.hookdesk.cli.HookDeskCommand;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar hookdesk.jar}: with no arguments the desktop client, otherwise the command line, whose exit code
 * becomes the process's.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        StartupProbe.fromSystemProperties().mark("main");
        // Before any process starts: the JDK reads the launch mechanism once.
        ProcessLaunch.preferVfork();
        // Before anything touches jOOQ: its banner and tips would land in scripts' output.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        if (args.length == 0) {
            System.exit(DesktopEntry.launch(AppConfig.Overrides.none()));
        }
        // UTF-8 whatever the locale: env output and created numbers are read by scripts, byte for byte.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        CliRuntime runtime = new CliRuntime(System.getProperty("user.name"), CliBackend.system(),
                options -> DesktopEntry.launch(CliBackend.overrides(options)));
        System.exit(HookDeskCommand.run(runtime, out, err, args));
    }
}
