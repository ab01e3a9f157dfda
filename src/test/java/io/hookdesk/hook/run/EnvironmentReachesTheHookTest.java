package io.hookdesk.hook.run;

import io.hookdesk.hook.HookEnvironment;
import io.hookdesk.hook.HookInput;
import io.hookdesk.model.HookCancellation;
import io.hookdesk.model.HookOutcome;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * What a CSR types reaches the provisioning script unchanged: built by {@link HookEnvironment}, passed by
 * {@link HookRunner} to a real process, and compared byte for byte with its UTF-8 encoding.
 */
class EnvironmentReachesTheHookTest {

    private static Path directory;
    private static Path hook;
    private static final HookRunner RUNNER = new HookRunner(Duration.ofSeconds(20), 1 << 20);

    @BeforeAll
    static void writeHook() throws IOException {
        directory = Files.createTempDirectory("hookdesk-env-").toRealPath();
        hook = TestHooks.shellHook(directory, "service_hook", "exec env -0 > env.out");
    }

    @AfterAll
    static void removeHook() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void anyTextInARowReachesTheHookByteForByte() {
        qt().withExamples(80).forAll(text(), text()).checkAssert((value, login) -> {
            try {
                reachesTheHookByteForByte(value, login);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void reachesTheHookByteForByte(String value, String login) throws IOException {
        Row service = Row.of(Map.of("number", 7, "d01", value, "d03", value + "=" + login));
        Map<String, Row> related = new LinkedHashMap<>();
        related.put("USER", Row.of(Map.of("number", 3, "login", login)));
        Map<String, String> environment = HookEnvironment.build(new HookInput(HookedTable.SERVICE, Operation.CREATE,
                null, service, related, login, true, Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8")));

        HookOutcome outcome = RUNNER.run(hook, environment, directory, HookCancellation.none());

        assertThat(outcome.succeeded()).as(outcome.reason()).isTrue();
        List<String> expected = new ArrayList<>();
        environment.forEach((k, v) -> expected.add(bytesOf(k + "=" + v)));
        // dash, as /bin/sh, exports PWD to the commands it runs.
        expected.add(bytesOf("PWD=" + directory));
        assertThat(entries(Files.readAllBytes(directory.resolve("env.out"))))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Text a person might type or paste: any Unicode except NUL (which no environment can carry), with extra weight on characters shells and parsers trip over. */
    private static Gen<String> text() {
        Gen<Integer> anyCodePoint = integers().between(1, Character.MAX_CODE_POINT)
                .assuming(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE);
        Gen<Integer> tricky = Generate.pick(List.of(
                (int) '\n', (int) '\r', (int) '\t', (int) ' ', (int) '=', (int) '\'', (int) '"', (int) '\\', (int) '$',
                (int) '`', 0x01, 0x7F, 0xA0, 0xE9, 0x20AC, 0xFEFF, 0x1F600, 0x1F1E9));
        return lists().of(Generate.frequency(Pair.of(1, anyCodePoint), Pair.of(2, tricky))).ofSizeBetween(0, 30)
                .map(cps -> cps.stream()
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    }

    /** The string's UTF-8 bytes, one char per byte, so comparisons are of bytes but failures stay readable. */
    private static String bytesOf(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static List<String> entries(byte[] envDump) {
        List<String> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < envDump.length; i++) {
            if (envDump[i] == 0) {
                entries.add(new String(envDump, start, i - start, StandardCharsets.ISO_8859_1));
                start = i + 1;
            }
        }
        assertThat(start).as("env -0 ends every entry with NUL").isEqualTo(envDump.length);
        return entries;
    }
}
