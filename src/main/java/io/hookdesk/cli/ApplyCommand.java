package io.hookdesk.cli;

import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import io.hookdesk.save.SaveRequest;
import io.hookdesk.save.SaveResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hookdesk apply}: saves a change through the one save path, non-interactively (HOOK_INTERACTIVE=0):
 * the hook runs, exit 0 commits, anything else rolls back and is logged to hooks.log.
 */
@Command(name = "apply", sortOptions = false,
        customSynopsis = {"hookdesk apply [--csr=NAME] TABLE (NUMBER | --new) [--set=COLUMN=VALUE]...",
                "       hookdesk apply [--csr=NAME] (account | user) NUMBER --set=state=STATE --cascade [--force] [--dry-run] [--max=N]",
                "       hookdesk apply [--csr=NAME] [--parallel=N] --file=FILE"},
        description = {"Save a change and run its hook, as the desktop would, but with nobody at the screen.",
                "A created record's number is printed on stdout alone; messages go to stderr."},
        footer = {"", "Examples:", "  hookdesk apply service 42 --set state=2 --csr jdoe",
                "  n=$(hookdesk apply service --new --set user=7 --set servdef=1 --set d01=jdoe)",
                "  hookdesk apply --file changes.jsonl",
                "  hookdesk apply account 1042 --set state=2 --cascade --dry-run",
                "  hookdesk apply account 1042 --set state=2 --cascade",
                "", "Each line of a --file is one JSON object, saved in its own transaction:",
                "  {\"table\":\"service\",\"number\":42,\"set\":{\"state\":\"2\"},\"csr\":\"batch\"}",
                "  {\"table\":\"service\",\"new\":true,\"set\":{\"user\":7,\"servdef\":1,\"d01\":\"jdoe\"}}",
                "", "Exit codes: 0 committed; 2 bad input or no such record (nothing changed); 3 the hook failed, "
                + "timed out or was refused (rolled back, logged); 4 conflict or database error, or the commit failed after "
                + "the hook succeeded. With --file: 3 if any hook failed, else 4 if any database problem, else 2 if any "
                + "bad line, else 0."})
final class ApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ChangeOptions change;

    @Option(names = "--file", paramLabel = "FILE", description = "apply the JSON lines of FILE (- for standard input)")
    Path file;

    /**
     * Two lanes: measured 1.3 x the throughput of one on the durable embedded database and on the non-durable one
     * (PERFORMANCE.md), while lines about the same record still keep their file order (one lane per record).
     */
    static final int DEFAULT_PARALLEL = 2;

    @Option(names = "--parallel", paramLabel = "N",
            description = "with --file: save on N connections at once (default " + DEFAULT_PARALLEL + "; 1 keeps the "
                    + "whole file's order and reports failures in line order)")
    Integer parallel;

    @Option(names = "--cascade", description = "an account's or user's state change goes to everything under it: its users "
            + "and their services, in one transaction, every hook in order, all or nothing (suspend 2, close 1, reopen 0)")
    boolean cascade;

    @Option(names = "--force", description = "with --cascade reopening: reopen the Closed records too, not only the Suspended ones")
    boolean force;

    @Option(names = "--dry-run", description = "with --cascade: print the records that would change and each hook's "
            + "environment (secrets masked); change nothing")
    boolean dryRun;

    @Option(names = "--max", paramLabel = "N", description = "with --cascade: go ahead with up to N records (default "
            + "200; a larger cascade is refused until confirmed with this)")
    Integer max;

    /** How often apply --file reports progress on stderr. */
    Duration progressInterval = Duration.ofSeconds(5);

    @Override
    public Integer call() {
        CliContext ctx = CliContext.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int lanes = parallel == null ? DEFAULT_PARALLEL : parallel;
        if (lanes < 1 || lanes > 16) {
            throw CliException.badInput("--parallel " + parallel + ": give a number of lanes from 1 to 16");
        }
        if (file != null) {
            if (cascade) {
                throw CliException.badInput("--cascade applies to one account or user named on the command line, not to --file");
            }
            if (change.given()) {
                throw CliException.badInput("--file takes every change from the file; give no TABLE, NUMBER, --new or --set with it");
            }
            String csr = ChangeOptions.label(change.csr != null ? change.csr : ctx.runtime().osUser());
            return new BatchApply(ctx.services(), out, err, csr, lanes, ctx.logFile(), progressInterval).run(file);
        }
        if (parallel != null && parallel != 1) {
            throw CliException.badInput("--parallel applies only to --file");
        }
        if (!cascade && (force || dryRun || max != null)) {
            throw CliException.badInput((force ? "--force" : dryRun ? "--dry-run" : "--max") + " applies only with --cascade");
        }
        if (max != null && max < 1) {
            throw CliException.badInput("--max " + max + ": give the number of records the cascade may change, at least 1");
        }
        SaveRequest request = change.request(Origin.COMMAND_LINE, ctx.runtime().osUser());
        var app = ctx.services();
        if (cascade) {
            return new CascadeApply(app, out, err, ctx.logFile()).run(request, force, dryRun, max);
        }
        Map<String, String> problems = app.saves().check(request);
        if (!problems.isEmpty()) {
            throw CliException.badInput(SaveReport.subjectOf(request) + " not saved, nothing changed: "
                    + Problems.describe(app.records().meta(request.table()), problems));
        }
        SaveResult r = app.saves().save(request, new HookCancellation().onWaiting(waiting -> {
            if (waiting != null) {
                err.println("hookdesk: " + waiting + "…");
                err.flush();
            }
        }));
        if (r.committed()) {
            if (r.operation() == Operation.CREATE) {
                out.println(r.number());
                out.flush();
                err.println("created " + r.table() + " " + r.number() + ": " + r.message());
            } else {
                err.println(SaveReport.subject(r) + ": " + r.message());
            }
            return ExitCodes.OK;
        }
        return SaveReport.failed(err, app.records().meta(r.table()), r, ctx.logFile(), app.unlogged());
    }
}
