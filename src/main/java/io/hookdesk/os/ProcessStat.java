package io.hookdesk.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One process as Linux's {@code /proc/PID/stat} describes it: enough to find the members of a process group and to
 * tell whether a pid still names the process it named before. A pid is reused once its process is gone; a pid together
 * with its start time (in clock ticks since boot) and the boot it belongs to ({@link #bootId}) is not.
 *
 * @param state      the one-letter state ({@code R}, {@code S}, {@code Z} for a zombie, ...)
 * @param startTicks when the process started, in clock ticks since the machine booted; an exec does not change it
 */
public record ProcessStat(long pid, char state, long parent, long group, long session, long startTicks) {

    private static final Path PROC = Path.of("/proc");

    /** The process {@code pid} now, or empty when there is none (or no {@code /proc}). */
    public static Optional<ProcessStat> of(long pid) {
        try {
            return Optional.of(parse(pid, Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every process of group {@code group} that is still running (zombies, which are only waiting to be reaped, left out). */
    public static List<ProcessStat> group(long group) {
        try (Stream<Path> all = Files.list(PROC)) {
            return all.map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(name -> of(Long.parseLong(name)))
                    .flatMap(Optional::stream)
                    .filter(p -> p.group == group && p.state != 'Z' && p.state != 'X')
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** This boot of the machine ({@code /proc/sys/kernel/random/boot_id}), or empty if the kernel does not say. */
    public static Optional<String> bootId() {
        try {
            return Optional.of(Files.readString(PROC.resolve("sys/kernel/random/boot_id")).trim()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The fields after the command name, which is in parentheses and may itself hold spaces and parentheses. */
    static ProcessStat parse(long pid, String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 of proc(5): state, ppid, pgrp, session, ..., starttime is field 22.
        return new ProcessStat(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[19]));
    }
}
