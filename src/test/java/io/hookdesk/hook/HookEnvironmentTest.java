package io.hookdesk.hook;

import io.hookdesk.model.EnvValues;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Row;
import io.hookdesk.model.Secrets;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.floats;

class HookEnvironmentTest {

    private static Row row(Object... columnsAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            values.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return Row.of(values);
    }

    private static SortedMap<String, String> create(HookedTable table, Row newRow) {
        return HookEnvironment.build(new HookInput(table, Operation.CREATE, null, newRow, Map.of(), "alice", true, Map.of()));
    }

    /** The value a single column of a created service gets. */
    private static String formatted(Object value) {
        return create(HookedTable.SERVICE, row("v", value)).get("NEW_v");
    }

    @Test
    void createHasNewOneAndNoOldValues() {
        SortedMap<String, String> env = create(HookedTable.SERVICE, row("number", 7, "state", (short) 5, "d01", "bob"));

        assertThat(env).containsEntry("NEW", "1")
                .containsEntry("NEW_number", "7").containsEntry("NEW_state", "5").containsEntry("NEW_d01", "bob");
        assertThat(env.keySet()).noneMatch(k -> k.startsWith("OLD_"));
    }

    @Test
    void updateHasNewZeroAndAnOldValueForEveryColumn() {
        Row old = row("number", 7, "state", (short) 5, "d01", "bob", "enddate", null);
        Row now = old.with(Map.of("state", (short) 1));

        SortedMap<String, String> env = HookEnvironment.build(
                new HookInput(HookedTable.SERVICE, Operation.UPDATE, old, now, Map.of(), "alice", true, Map.of()));

        assertThat(env).containsEntry("NEW", "0")
                .containsEntry("OLD_number", "7").containsEntry("OLD_state", "5").containsEntry("OLD_d01", "bob")
                .containsEntry("OLD_enddate", "")
                .containsEntry("NEW_state", "1");
        assertThat(env.keySet().stream().filter(k -> k.startsWith("OLD_")))
                .containsExactlyInAnyOrder("OLD_number", "OLD_state", "OLD_d01", "OLD_enddate");
    }

    @Test
    void aReprovisionHasNewZeroOldEqualToNewAndTheFlagWhateverOldRowIsGiven() {
        Row now = row("number", 7, "state", (short) 1, "d01", "bob", "enddate", null);
        Row stale = now.with(Map.of("state", (short) 5));

        SortedMap<String, String> env = HookEnvironment.build(
                new HookInput(HookedTable.SERVICE, Operation.REPROVISION, stale, now, Map.of(), "sup", true, Map.of()));

        assertThat(env).containsEntry("NEW", "0").containsEntry("HOOK_REPROVISION", "1")
                .containsEntry("OLD_state", "1").containsEntry("NEW_state", "1").containsEntry("OLD_enddate", "");
        assertThat(env.keySet().stream().filter(k -> k.startsWith("OLD_")))
                .containsExactlyInAnyOrder("OLD_number", "OLD_state", "OLD_d01", "OLD_enddate");
        assertThat(HookEnvironment.build(new HookInput(HookedTable.SERVICE, Operation.UPDATE, stale, now, Map.of(), "sup",
                true, Map.of()))).doesNotContainKey("HOOK_REPROVISION");
    }

    @Test
    void nullIsTheEmptyString() {
        assertThat(formatted(null)).isEmpty();
    }

    @Test
    void datesTimesAndTimestampsHaveFixedFormats() {
        assertThat(formatted(LocalDate.of(2024, 3, 5))).isEqualTo("2024-03-05");
        assertThat(formatted(LocalTime.of(7, 5))).isEqualTo("07:05:00");
        assertThat(formatted(LocalTime.of(7, 5, 9, 123_000_000))).isEqualTo("07:05:09");
        assertThat(formatted(LocalDateTime.of(2024, 3, 5, 7, 5, 9, 500_000_000))).isEqualTo("2024-03-05 07:05:09");
    }

    @Test
    void booleansAreOneAndZero() {
        assertThat(formatted(true)).isEqualTo("1");
        assertThat(formatted(false)).isEqualTo("0");
    }

    @Test
    void decimalsKeepTheirStoredScaleAsPostgresqlPrintsThemButNeverTurnExponential() {
        assertThat(formatted(new BigDecimal("19.9500000000"))).isEqualTo("19.9500000000");
        assertThat(formatted(new BigDecimal("20.00"))).isEqualTo("20.00");
        assertThat(formatted(new BigDecimal("0E-10"))).isEqualTo("0.0000000000");
        assertThat(formatted(new BigDecimal("-0.0000001000"))).isEqualTo("-0.0000001000");
        assertThat(formatted(new BigDecimal("1E+3"))).isEqualTo("1000");
    }

    @Test
    void largeAndSmallFloatingPointNumbersUsePlainNotation() {
        assertThat(formatted(1.0e20)).isEqualTo("100000000000000000000");
        assertThat(formatted(1.0e-10)).isEqualTo("0.0000000001");
        assertThat(formatted(2.5f)).isEqualTo("2.5");
        // Java 17's Float.toString and Double.toString give 3.00000005E12 and 2.0000000000000002E23 here.
        assertThat(formatted(3.0e12f)).isEqualTo("3000000000000");
        assertThat(formatted(2.0e23)).isEqualTo("200000000000000000000000");
        assertThat(formatted(0.1f)).isEqualTo("0.1");
        assertThat(formatted(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(formatted(-0.0)).isEqualTo("0");
        assertThat(formatted((short) -3)).isEqualTo("-3");
        assertThat(formatted(12345678901L)).isEqualTo("12345678901");
    }

    @Test
    void floatingPointValuesReadBackExactlyInPlainNotation() {
        Gen<Double> anyDouble = doubles().any().mix(Generate.pick(List.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_NORMAL,
                Double.MAX_VALUE, -Double.MAX_VALUE, 1e-7, 1e7, 0.1, 1.0 / 3)), 20);
        Gen<Float> anyFloat = floats().any().mix(Generate.pick(List.of(0.0f, -0.0f, Float.MIN_VALUE, -Float.MIN_NORMAL,
                Float.MAX_VALUE, -Float.MAX_VALUE, 1e-7f, 1e7f, 0.1f, 3.0e12f)), 20);
        qt().withExamples(1000).forAll(anyDouble, anyFloat)
                .assuming((d, f) -> Double.isFinite(d) && Float.isFinite(f))
                .checkAssert((d, f) -> {
                    assertThat(Double.parseDouble(formatted(d))).isEqualTo(d == 0 ? 0.0 : d);
                    assertThat(Float.parseFloat(formatted(f))).isEqualTo(f == 0 ? 0.0f : f);
                    assertThat(formatted(d) + formatted(f)).doesNotContain("E", "e");
                });
    }

    @Test
    void notANumberAndInfinityAreSpelledAsPostgresSpellsThem() {
        // double precision and real columns can hold them, e.g. written by automated processing.
        assertThat(formatted(Double.NaN)).isEqualTo("NaN");
        assertThat(formatted(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(formatted(Float.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void oneLineEscapesBackslashNewlineAndCarriageReturn() {
        assertThat(EnvValues.oneLine("a\\b\nc\rd")).isEqualTo("a\\\\b\\nc\\rd");
        assertThat(EnvValues.oneLine("\\n")).as("a backslash before an n is not a newline").isEqualTo("\\\\n");
        assertThat(EnvValues.oneLine(null)).isEmpty();
    }

    @Test
    void textIsKeptVerbatim() {
        String text = " Zoë \"O'Brien\" 😀\nsecond line\tend=value= ";

        assertThat(formatted(text)).isEqualTo(text);
    }

    @Test
    void relatedRecordsAppearUnderTheirPrefix() {
        Map<String, Row> related = new LinkedHashMap<>();
        related.put("USER", row("number", 3, "login", "bob"));
        related.put("ACCOUNT", row("number", 1, "name", "Bob's Bakery"));

        SortedMap<String, String> env = HookEnvironment.build(new HookInput(HookedTable.SERVICE, Operation.CREATE, null,
                row("number", 7), related, "alice", true, Map.of()));

        assertThat(env).containsEntry("USER_number", "3").containsEntry("USER_login", "bob")
                .containsEntry("ACCOUNT_number", "1").containsEntry("ACCOUNT_name", "Bob's Bakery")
                .containsEntry("NEW_number", "7");
    }

    @Test
    void relatedRecordsSecretsAreWithheldButTheRecordsOwnArePassed() {
        Row account = row("number", 1, "name", "Bob's Bakery", "ccnum", "4111111111111111", "bacct", "12345");
        Row user = row("number", 3, "login", "bob", "password", "hunter2");
        Map<String, Row> related = new LinkedHashMap<>();
        related.put("USER", user);
        related.put("ACCOUNT", account);

        SortedMap<String, String> service = HookEnvironment.build(new HookInput(HookedTable.SERVICE, Operation.CREATE,
                null, row("number", 7, "d02", "s3cret"), related, "alice", true, Map.of()));
        SortedMap<String, String> own = create(HookedTable.ACCOUNT, account);

        assertThat(service).doesNotContainKeys("ACCOUNT_ccnum", "ACCOUNT_bacct", "USER_password")
                .containsEntry("ACCOUNT_name", "Bob's Bakery").containsEntry("USER_login", "bob")
                .containsEntry("NEW_d02", "s3cret");
        assertThat(service.values()).doesNotContain("4111111111111111", "hunter2");
        assertThat(own).containsEntry("NEW_ccnum", "4111111111111111").containsEntry("NEW_bacct", "12345");
    }

    @Test
    void maskedHidesTheServicePasswordOnlyWhereItIsShown() {
        Row old = row("number", 7, "d01", "bob", "d02", "old-pass", "plaintextpass", "");
        Row now = old.with(Map.of("d02", "new-pass"));
        SortedMap<String, String> env = HookEnvironment.build(
                new HookInput(HookedTable.SERVICE, Operation.UPDATE, old, now, Map.of(), "alice", true, Map.of()));

        SortedMap<String, String> masked = HookEnvironment.masked(HookedTable.SERVICE, env);

        assertThat(masked).containsEntry("NEW_d02", Secrets.MASK).containsEntry("OLD_d02", Secrets.MASK)
                .containsEntry("NEW_d01", "bob").containsEntry("OLD_d01", "bob")
                // an empty secret reveals nothing, and showing it empty tells a supervisor it is unset
                .containsEntry("NEW_plaintextpass", "");
        assertThat(masked.values()).doesNotContain("old-pass", "new-pass");
        assertThat(masked.keySet()).isEqualTo(env.keySet());
        assertThat(env).containsEntry("NEW_d02", "new-pass").containsEntry("OLD_d02", "old-pass");
        assertThat(HookEnvironment.isSecret(HookedTable.SERVICE, "OLD_d02")).isTrue();
        assertThat(HookEnvironment.isSecret(HookedTable.SERVICE, "NEW_d01")).isFalse();
    }

    @Test
    void onlyAllowlistedClientVariablesArePassedOn() {
        Map<String, String> client = new HashMap<>();
        for (String key : List.of("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR",
                "HOOKDESK_DB_PASSWORD", "HOOKDESK_HOME", "HOOKDESK_DB_URL", "JAVA_HOME", "JAVA_TOOL_OPTIONS",
                "PGPASSWORD", "PGUSER", "LD_PRELOAD", "SHELL", "USER", "DISPLAY", "SSH_AUTH_SOCK")) {
            client.put(key, "value of " + key);
        }

        SortedMap<String, String> env = HookEnvironment.build(new HookInput(HookedTable.SERVICE, Operation.CREATE, null,
                row("number", 7), Map.of(), "alice", true, client));

        assertThat(env.keySet().stream().filter(k -> !k.startsWith("NEW") && !k.startsWith("HOOK_")))
                .containsExactlyInAnyOrder("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR");
        assertThat(env).containsEntry("PATH", "value of PATH").containsEntry("LC_ALL", "value of LC_ALL");
    }

    @Test
    void pathHasASaneDefaultWhenTheClientHasNone() {
        assertThat(create(HookedTable.SERVICE, row("number", 7))).containsEntry("PATH", "/usr/local/bin:/usr/bin:/bin");
    }

    @Test
    void hookVariablesNameTheTableTheCsrAndWhetherAPersonIsWaiting() {
        SortedMap<String, String> interactive = create(HookedTable.SERVICE, row("number", 7));
        SortedMap<String, String> batch = HookEnvironment.build(new HookInput(HookedTable.TICKET, Operation.CREATE, null,
                row("number", 9), Map.of(), "cli-bob", false, Map.of()));

        assertThat(interactive).containsEntry("HOOK_TABLE", "service").containsEntry("HOOK_INTERACTIVE", "1")
                .containsEntry("HOOK_CSR", "alice");
        assertThat(batch).containsEntry("HOOK_TABLE", "ticket").containsEntry("HOOK_INTERACTIVE", "0")
                .containsEntry("HOOK_CSR", "cli-bob");
    }

    @Test
    void variablesAreSorted() {
        Map<String, Row> related = Map.of("ACCOUNT", row("zeta", 1, "alpha", 2));
        SortedMap<String, String> env = HookEnvironment.build(new HookInput(HookedTable.USER, Operation.CREATE, null,
                row("zz", 1, "aa", 2, "mm", 3), related, "alice", true, Map.of("TZ", "UTC", "HOME", "/home/a")));

        List<String> keys = new ArrayList<>(env.keySet());
        assertThat(keys).isSorted().hasSize(env.size());
        assertThat(keys).startsWith("ACCOUNT_alpha", "ACCOUNT_zeta", "HOME", "HOOK_CSR");
    }
}
