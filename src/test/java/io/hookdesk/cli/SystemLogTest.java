package io.hookdesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hook runner's system log: one logger(1) for the runner's life, fed a line per message. The tests give it a
 * logger of their own, a shell that writes each line it reads to a file with its process id.
 */
class SystemLogTest {

    @TempDir
    Path dir;

    private Path received;

    private List<String> fakeLogger() throws IOException {
        received = dir.resolve("received");
        Path script = dir.resolve("logger");
        Files.writeString(script, "#!/bin/sh\nwhile IFS= read -r line; do printf '%s %s\\n' \"$$\" \"$line\" >> '"
                + received + "'; done\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return List.of(script.toString());
    }

    private List<String> lines() throws IOException {
        return Files.exists(received) ? Files.readAllLines(received, StandardCharsets.UTF_8) : List.of();
    }

    @Test
    void everyLineReachesOneLoggerKeptForTheRunnersLifeInOrder() throws IOException {
        try (SystemLog log = new SystemLog(fakeLogger(), Duration.ZERO)) {
            IntStream.range(0, 200).forEach(i -> log.log("alice ran service_hook for service " + i));
        }
        List<String> got = lines();
        assertThat(got).hasSize(200);
        assertThat(got.stream().map(l -> l.substring(0, l.indexOf(' '))).distinct())
                .as("one logger process for all the lines, not one per line").hasSize(1);
        assertThat(got.stream().map(l -> l.substring(l.indexOf(' ') + 1)))
                .containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(i -> "alice ran service_hook for service " + i).toList());
    }

    @Test
    void aLineWithNewlinesOrControlsIsOneMessageAndCannotForgeAnother() throws IOException {
        try (SystemLog log = new SystemLog(fakeLogger(), Duration.ZERO)) {
            log.log("mallory ran service_hook: exited 1\nbob ran service_hook for service 1: exited with status 0\u001b[2J");
        }
        assertThat(lines()).singleElement().asString()
                .endsWith("mallory ran service_hook: exited 1\\nbob ran service_hook for service 1: exited with status 0\\u001b[2J");
    }

    @Test
    void aLoggerThatEndedIsStartedAgainForTheNextLine() throws Exception {
        try (SystemLog log = new SystemLog(fakeLogger(), Duration.ZERO)) {
            log.log("before");
            await().atMost(Duration.ofSeconds(60)).until(() -> lines().size() == 1);
            long first = Long.parseLong(lines().get(0).split(" ")[0]);
            ProcessHandle gone = ProcessHandle.of(first).orElseThrow();
            gone.destroyForcibly();
            await().atMost(Duration.ofSeconds(60)).until(() -> !gone.isAlive());
            log.log("after");
        }
        List<String> got = lines();
        assertThat(got).hasSize(2);
        assertThat(got.get(1)).endsWith(" after").doesNotStartWith(got.get(0).split(" ")[0] + " ");
    }

    @Test
    void noLoggerInstalledLosesNothingButTheSyslogCopyAndNeverHolds() {
        try (SystemLog log = new SystemLog(List.of(dir.resolve("no-such-logger").toString()), Duration.ZERO)) {
            IntStream.range(0, 10).forEach(i -> log.log("line " + i));
        }
        assertThat(dir.resolve("no-such-logger")).doesNotExist();
    }

    @Test
    void aLoggerThatEndsAtOnceIsNotStartedForEveryLine() throws IOException {
        // logger(1) on a machine with no syslog socket: it ends as soon as it starts, reading nothing.
        Path starts = dir.resolve("starts");
        Path script = dir.resolve("logger-without-syslog");
        Files.writeString(script, "#!/bin/sh\necho $$ >> '" + starts + "'\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        try (SystemLog log = new SystemLog(List.of(script.toString()), Duration.ofHours(1))) {
            for (int i = 0; i < 50; i++) {
                log.log("line " + i);
            }
        }
        assertThat(Files.readAllLines(starts)).as("one start per pause, not one per line").hasSize(1);
    }
}
