package io.hookdesk.app;

import java.util.Locale;

/**
 * How this JVM starts processes (the hooks, {@code setsid}, the group signaller). On Linux, JDK 17 defaults to
 * {@code POSIX_SPAWN}, which execs the JDK's {@code jspawnhelper} first and only then the hook: one exec more per
 * save (measured here: {@code /bin/sh} started in 1.4 ms that way, 0.9 ms with {@code VFORK}). {@code VFORK} was
 * the Linux default until JDK 12 and is still supported on 17; the JDK reads the property once, when it first starts
 * a process, so {@link #preferVfork} runs first thing in {@code main}. The benchmarks call it the same way, so their
 * floors are measured with the same mechanism as the save path.
 */
public final class ProcessLaunch {

    static final String PROPERTY = "jdk.lang.Process.launchMechanism";

    private ProcessLaunch() {
    }

    /** Chooses {@code VFORK} on Linux with JDK 17, unless the mechanism was set explicitly ({@code -D...}). */
    public static void preferVfork() {
        if (System.getProperty(PROPERTY) == null && applies(Runtime.version().feature(), System.getProperty("os.name", ""))) {
            System.setProperty(PROPERTY, "VFORK");
        }
    }

    /** Later JDKs deprecate {@code VFORK}; other systems have their own defaults. */
    static boolean applies(int jdkFeature, String osName) {
        return jdkFeature == 17 && osName.toLowerCase(Locale.ROOT).startsWith("linux");
    }
}
