package io.hookdesk.save;

import io.hookdesk.app.AppContext;
import io.hookdesk.db.Database;
import io.hookdesk.model.EnvValues;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;
import io.hookdesk.testing.TestApp;
import io.hookdesk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * For every type the migrated schema holds (inet, cidr, macaddr, uuid, jsonb, text[], enum, numeric(12,2), date,
 * timestamp with infinity and microseconds, timestamptz, smallint, varchar): a value the ISP stored is given to the hook
 * exactly as PostgreSQL prints it, and its text, as a form shows it, saved back unchanged changes neither the row (no
 * UPDATE at all) nor the environment.
 */
class ValuesRoundTripPropertyTest {

    private static final List<String> COLUMNS = List.of("ip", "subnet", "mac", "device", "profile", "tags", "state",
            "price", "startdate", "enddate", "entdate", "changed_at", "donotprovision", "d01");

    @TempDir
    static Path dir;
    static Database db;
    static AppContext app;

    @BeforeAll
    static void start() throws Exception {
        db = Database.connect(TestDatabase.migratedBillMax(), "postgres", null);
        app = TestApp.wire(db, dir, Files.createDirectories(dir.resolve("hooks")), Duration.ofSeconds(10), FailureLog.NONE);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    record Stored(String ip, String subnet, String mac, String device, String profile, String tags, String state,
                  String price, String startdate, String enddate, String entdate, String changedAt, int dnp, String d01) {
    }

    @Test
    void storedValuesReachTheHookAsPostgresqlPrintsThemAndSaveBackUnchanged() {
        qt().withExamples(60).forAll(stored()).checkAssert(s -> {
            db.dsl().execute("UPDATE service SET ip = ?::inet, subnet = ?::cidr, mac = ?::macaddr, device = ?::uuid, "
                            + "profile = ?::jsonb, tags = ?::text[], state = ?::service_state, price = ?::numeric, "
                            + "startdate = ?::date, enddate = ?::timestamp, entdate = ?::timestamp, changed_at = ?::timestamptz, "
                            + "donotprovision = ?, d01 = ? WHERE number = 1",
                    s.ip(), s.subnet(), s.mac(), s.device(), s.profile(), s.tags(), s.state(), s.price(), s.startdate(),
                    s.enddate(), s.entdate(), s.changedAt(), (short) s.dnp(), s.d01());
            SaveResult preview = app.saves().preview(SaveRequest.update(HookedTable.SERVICE, 1, Map.of(), null,
                    Origin.COMMAND_LINE, "prop"));
            assertThat(preview.outcome()).as(preview.message()).isEqualTo(SaveOutcome.PREVIEWED);
            SortedMap<String, String> env = preview.environment();
            for (String c : COLUMNS) {
                assertThat(env.get("NEW_" + c)).as(c + " of " + s).isEqualTo(psql(c));
            }

            // What a form shows for each column, saved back as typed: nothing is written, the hook would see the same.
            Row row = preview.row();
            Map<String, String> asShown = new LinkedHashMap<>();
            COLUMNS.forEach(c -> asShown.put(c, EnvValues.format(row.get(c))));
            String xmin = db.dsl().fetchOne("SELECT xmin::text FROM service WHERE number = 1").get(0, String.class);
            SaveResult saved = app.saves().save(SaveRequest.update(HookedTable.SERVICE, 1, asShown, preview.version(),
                    Origin.COMMAND_LINE, "prop"));
            assertThat(saved.outcome()).as(saved.message() + " " + saved.fieldErrors()).isEqualTo(SaveOutcome.COMMITTED);
            assertThat(db.dsl().fetchOne("SELECT xmin::text FROM service WHERE number = 1").get(0, String.class)).isEqualTo(xmin);
            assertThat(saved.environment()).isEqualTo(env);
        });
    }

    /** The column as psql prints it: its output function; ::text gives that for all but inet, which gains a /32. */
    private static String psql(String column) {
        String expression = column.equals("ip")
                ? "CASE WHEN masklen(ip) = CASE family(ip) WHEN 4 THEN 32 ELSE 128 END THEN host(ip) ELSE ip::text END"
                : column + "::text";
        String v = db.dsl().fetchOne("SELECT " + expression + " FROM service WHERE number = 1").get(0, String.class);
        return v == null ? "" : v;
    }

    private static Gen<Stored> stored() {
        Gen<Integer> octet = integers().between(0, 255);
        Gen<String> ip = octet.zip(octet, octet, octet, (a, b, c, d) -> a + "." + b + "." + c + "." + d)
                .zip(integers().between(8, 32), (address, mask) -> mask == 32 ? address : address + "/" + mask);
        Gen<String> subnet = octet.map(a -> a + ".0.0.0/8");
        Gen<String> mac = longs().between(0, 0xffffffffffffL).map(v -> String.format("%012x", v).replaceAll("(..)(?!$)", "$1:"));
        Gen<String> uuid = longs().all().zip(longs().all(), (a, b) -> new java.util.UUID(a, b).toString());
        Gen<String> profile = integers().between(-1000, 1000).map(n -> "{\"speed\":" + n + ", \"name\": \"x y\"}");
        Gen<String> tags = Generate.pick(List.of("{}", "{fibre,north}", "{\"a b\",\"c,d\"}", "{\"quote\\\"d\",NULL}", "{\"\"}"));
        Gen<String> state = Generate.pick(List.of("open", "suspended", "closed"));
        Gen<String> price = longs().between(-9_999_999_999L, 9_999_999_999L)
                .map(cents -> java.math.BigDecimal.valueOf(cents, 2).toPlainString());
        Gen<String> date = Generate.pick(List.of("infinity", "-infinity", "0001-01-01", "2024-02-29", "2021-03-28",
                "9999-12-31"));
        Gen<String> timestamp = longs().between(-62_135_596_800L, 253_402_300_799L)
                .zip(integers().between(0, 999_999), (seconds, micros) -> java.time.LocalDateTime
                        .ofEpochSecond(seconds, micros * 1000, java.time.ZoneOffset.UTC).toString().replace('T', ' '))
                .mix(Generate.pick(List.of("infinity", "-infinity", "2021-03-28 02:30:00", "2024-02-29 23:59:59.999999")), 20);
        Gen<String> timestamptz = timestamp.map(t -> t.endsWith("infinity") ? t : t + "+00");
        // Not '': in a nullable column it prints as NULL does (the hook contract's empty string), and an empty text
        // typed back means NULL, as it always has.
        Gen<String> text = Generate.pick(List.of("ada", "Ørsted Müller", "a'b\"c$d", " padded ", "line\nbreak"));
        return ip.zip(subnet, mac, uuid, (a, b, c, d) -> new String[] {a, b, c, d})
                .zip(profile, tags, state, price, (p, e, f, g, h) -> new String[] {p[0], p[1], p[2], p[3], e, f, g, h})
                .zip(date, timestamp, timestamp, timestamptz, (p, a, b, c, d) -> new String[] {p[0], p[1], p[2], p[3], p[4],
                        p[5], p[6], p[7], a, b, c, d})
                .zip(integers().between(-1, 1), text, (p, dnp, d01) -> new Stored(p[0], p[1], p[2], p[3], p[4], p[5], p[6],
                        p[7], p[8], p[9], p[10], p[11], dnp, d01));
    }
}
