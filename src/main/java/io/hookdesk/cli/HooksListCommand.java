package io.hookdesk.cli;

import io.hookdesk.hook.run.HookHost;
import io.hookdesk.hook.run.HookLocator;
import io.hookdesk.hook.run.LocalHookHost;
import io.hookdesk.model.HookStatus;
import io.hookdesk.model.HookedTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hookdesk hooks list}: where hooks run and, for each table, whether its hook is there, executable and safe to
 * run, judged where it would run ({@link HookHost}: this workstation's {@link HookLocator}, or the runner on the hook
 * account or host), as the save path judges it. Needs no database.
 */
@Command(name = "list", description = {"Show each table's hook: present, executable, safe (not writable by group or others).",
        "A hook that is present but not executable or not safe is refused: saves of that table fail until it is fixed."})
final class HooksListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (HookHost host = CliContext.of(spec).hookHost()) {
            return list(host);
        }
    }

    private Integer list(HookHost host) {
        PrintWriter out = spec.commandLine().getOut();
        boolean local = host.where().equals(LocalHookHost.WHERE);
        String problem = host.hostProblem();
        out.println("hooks run: " + (local ? "here, as " + System.getProperty("user.name") + " (local)"
                : host.where() + " (hook.runner)"));
        out.println("hooks directory: " + host.directory() + (problem == null ? "" : " (unusable: every save to a hooked "
                + "table is refused: " + problem + ")"));
        out.printf("%-10s %-8s %-11s %-5s %-9s %s%n", "TABLE", "PRESENT", "EXECUTABLE", "SAFE", "RUNS", "PATH");
        List<String> notes = new ArrayList<>();
        for (HookedTable t : HookedTable.values()) {
            HookStatus s = host.locate(t);
            out.printf("%-10s %-8s %-11s %-5s %-9s %s%n", t.sqlName(), s.absent() ? "no" : "yes", executable(s, local), safe(s),
                    s.ready() ? "yes" : s.absent() ? "no hook" : "REFUSED", s.path());
            if (s.refused()) {
                notes.add(t.hookName() + ": " + s.message());
            }
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(out::println);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String executable(HookStatus s, boolean local) {
        return switch (s.state()) {
            case ABSENT, NOT_A_FILE, DIRECTORY_UNUSABLE -> "-";
            case NOT_EXECUTABLE -> "NO";
            case READY -> "yes";
            // The locator stops at the first problem; an unsafe hook's execute bit is still worth showing.
            case UNSAFE_PERMISSIONS -> !local ? "-" : Files.isExecutable(s.path()) ? "yes" : "NO";
        };
    }

    private static String safe(HookStatus s) {
        return switch (s.state()) {
            case ABSENT, NOT_A_FILE -> "-";
            case UNSAFE_PERMISSIONS, DIRECTORY_UNUSABLE -> "NO";
            case READY, NOT_EXECUTABLE -> "yes";
        };
    }
}
