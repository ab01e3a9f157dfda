package io.hookdesk.cli;

import io.hookdesk.renewal.Renewal;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RenewCommandTest {

    @RegisterExtension
    final CliHarness cli = CliHarness.perTest(CliHarness.Data.DEMO);

    private record Service(short state, LocalDate invdate, int invcnt, int duration, short invday) {
    }

    private Map<Integer, Service> services() {
        Map<Integer, Service> all = new HashMap<>();
        for (Record r : cli.db.dsl().fetch("SELECT number, state, invdate, invcnt, duration, invday FROM service")) {
            all.put(r.get("number", Integer.class), new Service(r.get("state", Short.class), r.get("invdate", LocalDate.class),
                    r.get("invcnt", Integer.class), r.get("duration", Integer.class), r.get("invday", Short.class)));
        }
        return all;
    }

    @Test
    void advancesDueOpenServicesOnlyAndRunsNoHook() {
        cli.db.dsl().execute("UPDATE service SET duration = -7 WHERE number = 2");
        cli.db.dsl().execute("UPDATE service SET duration = 0 WHERE number = 4");
        cli.db.dsl().execute("UPDATE service SET duration = 3 WHERE number = 3");
        cli.db.dsl().execute("UPDATE service SET state = 2 WHERE number = 5");
        Path marker = cli.temp.resolve("hook-ran");
        cli.hook("service", "touch " + marker);
        LocalDate through = LocalDate.parse("2026-12-05");
        Map<Integer, Service> before = services();

        CliHarness.Run r = cli.run("renew", "--date", through.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(marker).doesNotExist();
        Map<Integer, Service> after = services();
        int renewed = 0;
        for (var e : before.entrySet()) {
            Service b = e.getValue();
            Service a = after.get(e.getKey());
            boolean due = b.state() == 0 && b.invdate() != null && !b.invdate().isAfter(through);
            if (due && b.duration() != 0) {
                renewed++;
                assertThat(a.invdate()).as("service %d", e.getKey()).isEqualTo(Renewal.next(b.invdate(), b.duration(), b.invday()));
                assertThat(a.invcnt()).isEqualTo(b.invcnt() + 1);
            } else {
                assertThat(a).as("service %d", e.getKey()).isEqualTo(b);
            }
        }
        assertThat(renewed).isGreaterThan(5);
        assertThat(after.get(2).invdate()).isEqualTo(before.get(2).invdate().plusDays(7));
        assertThat(after.get(3).invdate()).isEqualTo(before.get(3).invdate().plusMonths(3));
        assertThat(after.get(1).invdate()).isEqualTo(before.get(1).invdate().plusMonths(1));
        assertThat(after.get(5)).isEqualTo(before.get(5));
        assertThat(r.out()).contains("renew: " + (renewed + 1) + " open services due on or before 2026-12-05",
                "  renewed:     " + renewed + "\n", "  conflicts:   0\n", "  failed:      0\n", "  skipped:     1\n");
        assertThat(r.err()).isEqualTo("service 4 not renewed: duration 0: no period to advance by\n");
        assertThat(cli.count("SELECT count(*) FROM hookdesk.hook_run WHERE origin = 'automated' AND outcome = 'skipped' "
                + "AND csr = 'tester'")).isEqualTo(renewed);

        CliHarness.Run again = cli.run("renew", "--date", through.toString());
        assertThat(again.out()).contains("renew: 1 open services due", "  renewed:     0\n");
    }

    @Test
    void aCsrsSaveDuringTheRunIsAConflictNeverOverwrittenAndTheNextRunRenewsIt() throws Exception {
        LocalDate through = LocalDate.parse("2026-12-05");
        int edited = cli.count("SELECT min(number) FROM service WHERE state = 0 AND invdate <= DATE '2026-12-05' AND duration <> 0");
        Service before = services().get(edited);
        int due = cli.count("SELECT count(*) FROM service WHERE state = 0 AND invdate <= DATE '2026-12-05'");
        try (Connection csr = DriverManager.getConnection(cli.url(), "postgres", null)) {
            // The CSR's save is under way (row locked, not yet committed) when renew starts.
            csr.setAutoCommit(false);
            try (Statement st = csr.createStatement()) {
                st.executeUpdate("UPDATE service SET d05 = 'CSR', invcnt = 77 WHERE number = " + edited);
            }
            CompletableFuture<CliHarness.Run> run = CompletableFuture.supplyAsync(() -> cli.run("renew", "--date", through.toString()));
            while (cli.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE%'") == 0) {
                assertThat(run).as("renew waits for the CSR's row").isNotDone();
                Thread.sleep(20);
            }
            csr.commit();
            CliHarness.Run r = run.get(60, TimeUnit.SECONDS);

            assertThat(r.exit()).as(r.toString()).isEqualTo(4);
            assertThat(r.err()).contains("service " + edited + " not renewed: changed by someone else during the run; "
                    + "the next run renews it");
            assertThat(r.out()).contains("renew: " + due + " open services due", "  conflicts:   1\n");
            Service kept = services().get(edited);
            assertThat(kept.invdate()).isEqualTo(before.invdate());
            assertThat(kept.invcnt()).isEqualTo(77);
            assertThat(cli.count("SELECT count(*) FROM hookdesk.hook_run WHERE record_number = " + edited)).isZero();
        }

        CliHarness.Run next = cli.run("renew", "--date", through.toString());
        assertThat(services().get(edited).invdate())
                .isEqualTo(Renewal.next(before.invdate(), before.duration(), before.invday()));
        assertThat(services().get(edited).invcnt()).isEqualTo(78);
        assertThat(next.err()).doesNotContain("service " + edited + " ");
    }

    @Test
    void aBigintServiceKeyPastTwoToTheThirtyOneIsRenewedReportedAndAudited() {
        // A migrated BillMax keys service with bigint: numbers past 2^31 were bound as integer[] and could not renew.
        long due = 3_000_000_001L;
        long still = 4_294_967_338L;
        int template = cli.count("SELECT min(number) FROM service WHERE state = 0 AND invdate <= DATE '2026-12-05' AND duration > 0");
        Service before = services().get(template);
        cli.db.dsl().execute("ALTER TABLE service ALTER COLUMN number TYPE bigint");
        cli.db.dsl().execute("INSERT INTO service SELECT (jsonb_populate_record(s, jsonb_build_object('number', n.v))).* "
                + "FROM service s, (VALUES (" + due + "::bigint), (" + still + "::bigint)) AS n(v) WHERE s.number = " + template);
        cli.db.dsl().execute("UPDATE service SET duration = 0 WHERE number = " + still);

        CliHarness.Run r = cli.run("renew", "--date", "2026-12-05");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cli.value("SELECT invdate || ' ' || invcnt FROM service WHERE number = " + due))
                .isEqualTo(Renewal.next(before.invdate(), before.duration(), before.invday()) + " " + (before.invcnt() + 1));
        assertThat(cli.value("SELECT invdate || ' ' || invcnt FROM service WHERE number = " + still))
                .isEqualTo(before.invdate() + " " + before.invcnt());
        assertThat(r.err()).contains("service " + still + " not renewed: duration 0: no period to advance by");
        assertThat(cli.count("SELECT count(*) FROM hookdesk.hook_run WHERE table_name = 'service' AND record_number = "
                + due + " AND origin = 'automated' AND outcome = 'skipped'")).isEqualTo(1);
        assertThat(cli.count("SELECT count(*) FROM hookdesk.hook_run WHERE record_number = " + still)).isZero();
    }

    @Test
    void theSummaryAddsUpToTheDueServices() {
        cli.db.dsl().execute("UPDATE service SET duration = 0 WHERE number IN (2, 3)");
        CliHarness.Run r = cli.run("renew", "--date", "2026-12-05");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("renew: (\\d+) open services due.*\\n  renewed: +(\\d+)\\n"
                + "  conflicts: +(\\d+)\\n  failed: +(\\d+)\\n  skipped: +(\\d+)\\n").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        int[] n = new int[5];
        for (int i = 0; i < 5; i++) {
            n[i] = Integer.parseInt(m.group(i + 1));
        }
        assertThat(n[1] + n[2] + n[3] + n[4]).isEqualTo(n[0]);
        assertThat(n[4]).isEqualTo(2);
        assertThat(r.exit()).isZero();
    }

    @Test
    void aBadDateIsBadInput() {
        CliHarness.Run r = cli.run("renew", "--date", "05/12/2026");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--date", "05/12/2026");
    }

    @Test
    void monthsKeepTheBillingDayAndNegativeDurationsAreDays() {
        assertThat(Renewal.next(LocalDate.parse("2027-01-31"), 1, 31)).isEqualTo("2027-02-28");
        assertThat(Renewal.next(LocalDate.parse("2027-02-28"), 1, 31)).isEqualTo("2027-03-31");
        assertThat(Renewal.next(LocalDate.parse("2027-01-15"), 12, 15)).isEqualTo("2028-01-15");
        assertThat(Renewal.next(LocalDate.parse("2027-01-31"), 1, 0)).isEqualTo("2027-02-28");
        assertThat(Renewal.next(LocalDate.parse("2027-12-28"), -7, 28)).isEqualTo("2028-01-04");
    }
}
