package io.hookdesk.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs several variants of one operation in interleaved rounds: every round runs each variant once, starting
 * with a different one each round, so a load spike from a neighbour's build lands on floors and subjects alike
 * and no variant always runs first (or always right after another).
 */
final class Rounds {

    interface Op {
        /** Runs once; returns the nanoseconds to count (usually the whole call, timed by {@link #time}). */
        long run() throws Exception;
    }

    private final Map<String, Op> variants = new LinkedHashMap<>();

    Rounds add(String name, Op op) {
        variants.put(name, op);
        return this;
    }

    static long time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return System.nanoTime() - t0;
    }

    /** Runs {@code warmup} untimed rounds, then {@code rounds} timed ones; samples by variant name. */
    Map<String, Samples> run(int warmup, int rounds) throws Exception {
        List<String> names = List.copyOf(variants.keySet());
        Map<String, Samples> samples = new LinkedHashMap<>();
        names.forEach(n -> samples.put(n, new Samples()));
        for (int r = 0; r < warmup + rounds; r++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((r + i) % names.size());
                long nanos = variants.get(name).run();
                if (r >= warmup) {
                    samples.get(name).add(nanos);
                }
            }
        }
        return samples;
    }
}
