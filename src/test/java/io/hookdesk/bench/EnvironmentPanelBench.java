package io.hookdesk.bench;

import io.hookdesk.hook.HookEnvironment;
import io.hookdesk.hook.HookInput;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;
import io.hookdesk.records.LoadedRecord;
import io.hookdesk.testing.TestApp;

import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the environment panel does on one keystroke: the draft row with the changed field, then
 * {@link HookEnvironment#build} over it, the loaded row as OLD_ and the loaded USER and ACCOUNT rows.
 *
 * <p>A hand loop rather than JMH (which is not in the offline repository here and would need its annotation
 * processor in the test compile): one call takes microseconds, so calls are timed in batches of {@value #BATCH}
 * (nanoTime's cost and granularity vanish), each result feeds a checksum the JIT cannot prove unused, the draft
 * changes every call (as typing does), and 20,000 warm-up calls let C2 compile the path before anything counts.
 * The floor, timed in the same rounds, copies the finished environment into a new TreeMap: the sorted map of the
 * same strings that any implementation has to produce.
 */
final class EnvironmentPanelBench {

    static final String SECTION = "Environment panel";
    private static final int BATCH = 100;

    private final LoadedRecord service;
    private final int rounds;
    private long sink;

    EnvironmentPanelBench(LoadedRecord service, int rounds) {
        this.service = service;
        this.rounds = rounds;
    }

    void run(Report report) throws Exception {
        SortedMap<String, String> sample = keystroke(0);
        int[] typed = {0};
        Rounds r = new Rounds()
                .add("floor", () -> {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < BATCH; i++) {
                        sink += new TreeMap<>(sample).size();
                    }
                    return (System.nanoTime() - t0) / BATCH;
                })
                .add("keystroke", () -> {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < BATCH; i++) {
                        sink += keystroke(typed[0]++).hashCode();
                    }
                    return (System.nanoTime() - t0) / BATCH;
                });
        Map<String, Samples> s = r.run(20_000 / BATCH, rounds);
        Samples key = s.get("keystroke");
        report.add(new Result("environment panel keystroke (median)", "<= 0.2 ms", "ms", Double.NaN, key.medianMs(),
                Result.Kind.AT_MOST, 0.2, null));
        report.detail(SECTION, String.format(Locale.ROOT,
                "HookEnvironment.build for service %d with USER and ACCOUNT (%d variables): %s per call, batches of %d",
                service.number(), sample.size(), key.describe(), BATCH));
        report.detail(SECTION, "reference, a TreeMap copy of the finished environment: " + s.get("floor").describe()
                + " (checksum " + (sink & 0xff) + ")");
    }

    private SortedMap<String, String> keystroke(int n) {
        Row draft = service.row().with(Map.of("d03", "AC:DE:48:" + Integer.toHexString(n)));
        return HookEnvironment.build(new HookInput(HookedTable.SERVICE, Operation.UPDATE, service.row(), draft,
                service.related(), "bench", true, TestApp.CLIENT_ENV));
    }
}
