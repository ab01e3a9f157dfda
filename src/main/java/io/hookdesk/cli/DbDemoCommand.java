package io.hookdesk.cli;

import io.hookdesk.admin.DatabaseAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code hookdesk db demo}: adds deterministic demo records after whatever the database holds. */
@Command(name = "demo", description = {"Add deterministic demo data: N services with their accounts, users, payments, "
        + "tickets and data calls, numbered after the existing records. The same N gives the same records."})
final class DbDemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "1000",
            description = "how many services to add, 2 to 1000000 (default ${DEFAULT-VALUE})")
    int scale;

    @Override
    public Integer call() {
        if (scale < 2 || scale > DatabaseAdmin.MAX_DEMO_SCALE) {
            throw CliException.badInput("--scale " + scale + ": give a number of services from 2 to " + DatabaseAdmin.MAX_DEMO_SCALE);
        }
        var app = CliContext.of(spec).services();
        if (!app.admin().hasDemoTables()) {
            throw CliException.badInput("demo data goes only into a database HookDesk made (the embedded one, or one "
                    + "prepared with hookdesk db init); the BillMax tables of " + app.admin().description()
                    + " are not HookDesk's, so nothing was added");
        }
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err, Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        app.admin().addDemo(scale, n -> progress.maybe(() -> "demo: " + n + " of " + scale + " services"));
        spec.commandLine().getOut().printf("demo: added %d services in %.1f s%n", scale, (System.nanoTime() - t0) / 1e9);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
