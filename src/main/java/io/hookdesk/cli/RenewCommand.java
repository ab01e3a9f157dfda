package io.hookdesk.cli;

import io.hookdesk.model.HookedTable;
import io.hookdesk.renewal.Renewal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hookdesk renew}: automated processing. Advances the invoice date of every open service that is due; runs no
 * hook (the fire policy never provisions for automated processing), but each renewal is audited. Set-based (see
 * {@link Renewal}): thousands of services per statement, with progress on stderr every few seconds.
 */
@Command(name = "renew", sortOptions = false,
        description = {"Advance invdate (by the service's duration: months if positive, days if negative) and invcnt "
                + "of every open service (state 0) whose invdate is on or before --date. Runs no hook.",
                "One period per service per run; a service further behind is advanced again by the next run."},
        footer = {"", "Exit codes: 0 all due services renewed; 2 bad --date; "
                + "4 some services not renewed (changed meanwhile, or a database error): run again."})
final class RenewCommand implements Callable<Integer> {

    /** What renewal reads and writes; a database whose service lacks one cannot be renewed by HookDesk. */
    private static final List<String> RENEWAL_COLUMNS = List.of("state", "invdate", "duration", "invday", "invcnt");

    @Spec
    CommandSpec spec;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "renew services due on or before this day (default: today)")
    LocalDate date;

    @Option(names = "--csr", paramLabel = "NAME", description = "recorded as who ran the renewal (default: your user name)")
    String csr;

    Duration progressInterval = Duration.ofSeconds(5);

    @Override
    public Integer call() {
        CliContext ctx = CliContext.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalDate through = date != null ? date : LocalDate.now();
        String label = ChangeOptions.label(csr != null ? csr : ctx.runtime().osUser());
        var app = ctx.services();
        var service = app.records().meta(HookedTable.SERVICE);
        List<String> lacking = RENEWAL_COLUMNS.stream().filter(c -> !service.has(c)).toList();
        if (!lacking.isEmpty()) {
            throw CliException.badInput("renew needs the service columns " + String.join(", ", RENEWAL_COLUMNS)
                    + "; this database's service has no " + String.join(", ", lacking) + ", so nothing was renewed");
        }
        Progress progress = new Progress(err, progressInterval);
        Renewal renewal;
        try {
            // An enum state is compared by the label that stands for BillMax's Open (state.labels, or its word).
            renewal = app.renewal();
        } catch (IllegalStateException e) {
            throw CliException.badInput(e.getMessage() + "; nothing was renewed");
        }
        Renewal.Summary s = renewal.run(through, label, new Renewal.Listener() {
            @Override
            public void notRenewed(long number, String problem) {
                err.println("service " + number + " not renewed: " + problem);
            }

            @Override
            public void progress(Renewal.Summary soFar) {
                progress.maybe(() -> "renew: " + soFar.done() + " of " + soFar.due() + " due services done");
            }
        });
        out.printf("renew: %d open services due on or before %s, in %.1f s%n", s.due(), s.through(), s.elapsed().toMillis() / 1000.0);
        out.printf("  %-12s %d%n", "renewed:", s.renewed());
        out.printf("  %-12s %d%n", "conflicts:", s.conflicts());
        out.printf("  %-12s %d%n", "failed:", s.failed());
        out.printf("  %-12s %d%n", "skipped:", s.skipped());
        out.flush();
        if (s.conflicts() + s.failed() > 0) {
            err.println("hookdesk: " + (s.conflicts() + s.failed()) + " due services were not renewed; run renew again "
                    + "(failures are described in " + ctx.logFile() + ")");
            return ExitCodes.DATABASE;
        }
        return ExitCodes.OK;
    }
}
