package io.hookdesk.db.demo;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.function.IntConsumer;

/**
 * Deterministic demo data: the same scale always gives the same names, logins and numbers, so a demo,
 * a benchmark and a bug report all talk about the same records. Generated in the database with
 * {@code generate_series}, in chunks, so a million services take minutes, not hours.
 * Each account has one user with two services (an access service and a mailbox).
 */
public final class DemoData {

    /** The data a new embedded database starts with. */
    public static final int SMALL = 60;
    public static final int MAX_SCALE = 1_000_000;
    private static final int CHUNK = 50_000;

    private static final String FIRST = "(ARRAY['Ada','Alan','Grace','Edsger','Barbara','Donald','Frances','John','Margaret','Ken',"
            + "'Dennis','Radia','Tim','Sophie','Linus','Hedy','Claude','Katherine','Niklaus','Leslie','Mary','Vint','Anita','Guido'])";
    private static final String LAST = "(ARRAY['Lovelace','Turing','Hopper','Dijkstra','Liskov','Knuth','Allen','Backus','Hamilton',"
            + "'Thompson','Ritchie','Perlman','Berners','Wilson','Torvalds','Lamarr','Shannon','Johnson','Wirth','Lamport',"
            + "'Kenyon','Cerf','Borg','Rossum','Okafor','Nguyen','Schmidt','Garcia','Kowalski','Haddad'])";
    private static final String COMPANY = "(ARRAY['','','','','Acme Farm Supply','Riverside Dental','Blue Heron Cafe',"
            + "'Northside Auto','Hilltop Library','Maple Street Law'])";
    private static final String CITY = "(ARRAY['Springfield','Riverton','Lakeside','Fairview','Georgetown','Salem','Madison','Ashland'])";

    private final DSLContext dsl;

    public DemoData(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Adds {@code services} services (with their accounts, users, payments, tickets and data calls) after whatever
     * the database holds. {@code progress} receives the number of services written so far.
     */
    public void seed(int services, IntConsumer progress) {
        if (services < 2 || services > MAX_SCALE) {
            throw new IllegalArgumentException("scale must be between 2 and " + MAX_SCALE + " services");
        }
        dsl.transaction(cfg -> {
            var ctx = DSL.using(cfg);
            seedCatalog(ctx);
            int accountBase = max(ctx, "account");
            int userBase = max(ctx, "\"user\"");
            int serviceBase = max(ctx, "service");
            int accounts = services / 2;
            for (int from = 1; from <= accounts; from += CHUNK / 2) {
                int to = Math.min(accounts, from + CHUNK / 2 - 1);
                insertAccounts(ctx, accountBase, from, to);
                insertUsers(ctx, accountBase, userBase, from, to);
                insertServices(ctx, userBase, serviceBase, from, to);
                progress.accept(to * 2);
            }
            insertActivity(ctx, accountBase, userBase, serviceBase, accounts);
            for (String table : new String[] {"account", "user", "service", "payhist", "datacall", "ticket", "message",
                    "efpstate", "efpdata", "queue", "servdef"}) {
                ctx.execute("SELECT setval(pg_get_serial_sequence('\"" + table + "\"', 'number'), "
                        + "greatest((SELECT max(number) FROM \"" + table + "\"), 1))");
            }
        });
        dsl.execute("ANALYZE");
    }

    private static int max(DSLContext ctx, String table) {
        Integer m = ctx.fetchOne("SELECT coalesce(max(number), 0) FROM " + table).get(0, Integer.class);
        return m == null ? 0 : m;
    }

    private static void seedCatalog(DSLContext ctx) {
        if (ctx.fetchOne("SELECT count(*) FROM servdef").get(0, Integer.class) == 0) {
            ctx.execute("""
                    INSERT INTO servdef (number, name, descr, price, setup, duration, resources, d01, d02, d03) VALUES
                      (1, 'Fiber 100 monthly', 'Fiber 100', 49.95, 5000, 1, 1, 'Login Name', 'Password', 'Router MAC'),
                      (2, 'Fiber 500 monthly', 'Fiber 500', 79.95, 5000, 1, 1, 'Login Name', 'Password', 'Router MAC'),
                      (3, 'DSL 25 monthly', 'DSL 25', 34.95, 2500, 1, 1, 'Login Name', 'Password', 'Modem serial'),
                      (4, 'Mailbox', 'Email mailbox', 2.00, 0, 1, 2, 'Mailbox', 'Password', 'Quota (MB)'),
                      (5, 'Static IP', 'Static IPv4 address', 10.00, 0, 1, 4, 'Address', '', ''),
                      (6, 'Dial-up 56k', 'Dial-up', 9.95, 0, 1, 1, 'Login Name', 'Password', '')""");
        }
        if (ctx.fetchOne("SELECT count(*) FROM queue").get(0, Integer.class) == 0) {
            ctx.execute("""
                    INSERT INTO queue (number, name, descr, use_sla, sla, assignmode, inboundemail) VALUES
                      (1, 'Support', 'Technical support', 1, 24, 2, 'support@example.net'),
                      (2, 'Billing', 'Billing questions', 1, 48, 1, 'billing@example.net'),
                      (3, 'Installs', 'New installations and appointments', 0, 0, 0, 'installs@example.net')""");
        }
    }

    private static void insertAccounts(DSLContext ctx, int base, int from, int to) {
        ctx.execute("INSERT INTO account (number, state, cfname, clname, company, addr1, city, statename, zip, country, "
                + "cphone, email, startdate, entdate, bmui, ccnum, ccexp, cctype, invday) "
                + "SELECT " + base + " + i, CASE WHEN i % 17 = 0 THEN 1 WHEN i % 11 = 0 THEN 2 ELSE 0 END, "
                + FIRST + "[1 + (i * 7) % 24], " + LAST + "[1 + (i * 13) % 30], " + COMPANY + "[1 + (i * 3) % 10], "
                + "(100 + i % 900) || ' ' || (ARRAY['Main St','Oak Ave','Pine Rd','Elm St','Lake Dr'])[1 + i % 5], "
                + CITY + "[1 + i % 8], 'OR', lpad(((97000 + i % 999))::text, 5, '0'), 'US', "
                + "'541-' || lpad(((i * 37) % 1000)::text, 3, '0') || '-' || lpad((i % 10000)::text, 4, '0'), "
                + "lower(" + FIRST + "[1 + (i * 7) % 24] || '.' || " + LAST + "[1 + (i * 13) % 30]) || i || '@example.net', "
                + "DATE '2020-01-01' + (i % 2000), DATE '2020-01-01' + (i % 2000), i % 2, "
                + "CASE WHEN i % 3 = 0 THEN '4111111111111111' ELSE '' END, CASE WHEN i % 3 = 0 THEN '12/29' ELSE '' END, "
                + "CASE WHEN i % 3 = 0 THEN 'VISA' ELSE '' END, 1 + i % 28 "
                + "FROM generate_series(" + from + ", " + to + ") AS i");
    }

    private static void insertUsers(DSLContext ctx, int accountBase, int base, int from, int to) {
        ctx.execute("INSERT INTO \"user\" (number, account, state, fname, lname, login, addr1, city, statename, zip, country, "
                + "dphone, email, startdate, entdate) "
                + "SELECT " + base + " + i, a.number, a.state, a.cfname, a.clname, "
                + "lower(substr(a.cfname, 1, 1) || a.clname) || i, a.addr1, a.city, a.statename, a.zip, a.country, "
                + "a.cphone, a.email, a.startdate, a.entdate "
                + "FROM generate_series(" + from + ", " + to + ") AS i JOIN account a ON a.number = " + accountBase + " + i");
    }

    private static void insertServices(DSLContext ctx, int userBase, int base, int from, int to) {
        // Two services per user: an access line (Fiber, DSL, dial-up) and a mailbox with the same login.
        ctx.execute("INSERT INTO service (number, \"user\", state, servdef, d01, d02, d03, startdate, entdate, invdate, invday, "
                + "price, iprice, resources) "
                + "SELECT " + base + " + (i - 1) * 2 + k, u.number, "
                + "CASE WHEN u.state <> 0 THEN u.state WHEN i % 23 = 0 THEN 5 WHEN i % 29 = 0 THEN 3 ELSE 0 END, "
                + "CASE WHEN k = 1 THEN (ARRAY[1, 2, 3, 1, 6])[1 + i % 5] ELSE 4 END, "
                + "u.login, 'pw-' || substr(md5(u.login || k), 1, 10), "
                + "CASE WHEN k = 1 THEN 'AC:DE:48:' || upper(substr(md5(u.login), 1, 2)) || ':' || upper(substr(md5(u.login), 3, 2)) "
                + "|| ':' || upper(substr(md5(u.login), 5, 2)) ELSE '1024' END, "
                + "u.startdate, u.entdate, DATE '2026-12-01' + (i % 28), 1 + i % 28, "
                + "CASE WHEN k = 1 THEN (ARRAY[49.95, 79.95, 34.95, 49.95, 9.95])[1 + i % 5] ELSE 2.00 END, "
                + "CASE WHEN k = 1 THEN (ARRAY[49.95, 79.95, 34.95, 49.95, 9.95])[1 + i % 5] ELSE 2.00 END, "
                + "CASE WHEN k = 1 THEN 1 ELSE 2 END "
                + "FROM generate_series(" + from + ", " + to + ") AS i "
                + "JOIN \"user\" u ON u.number = " + userBase + " + i CROSS JOIN (VALUES (1), (2)) AS kk(k)");
    }

    private static void insertActivity(DSLContext ctx, int accountBase, int userBase, int serviceBase, int accounts) {
        int payBase = max(ctx, "payhist");
        ctx.execute("INSERT INTO payhist (number, account, kind, descr, ucash, bankacct, entdate, ccnumshort) "
                + "SELECT " + payBase + " + i, " + accountBase + " + i, 2, 'Payment, thank you', 4995, -4995, "
                + "DATE '2026-10-01' + (i % 28), CASE WHEN i % 3 = 0 THEN 'xxxx1111' ELSE '' END "
                + "FROM generate_series(1, " + accounts + ") AS i WHERE i % 2 = 1");
        int ticketBase = max(ctx, "ticket");
        ctx.execute("INSERT INTO ticket (number, queue, account, \"user\", subject, status, priority, entdate) "
                + "SELECT " + ticketBase + " + (i + 4) / 5, 1 + i % 3, " + accountBase + " + i, " + userBase + " + i, "
                + "(ARRAY['No sync light on the modem','Email not arriving','Question about my bill','Slow speeds in the evening',"
                + "'Move service to a new address'])[1 + i % 5], i % 3, 1 + i % 4, DATE '2026-11-01' + (i % 24) "
                + "FROM generate_series(1, " + accounts + ") AS i WHERE i % 5 = 1");
        ctx.execute("INSERT INTO message (ticket, source, fromaddr, subject, body, customervisible) "
                + "SELECT t.number, 2, a.email, t.subject, 'Hello,\n\n' || t.subject || '. Can you help?\n\nThanks', 1 "
                + "FROM ticket t JOIN account a ON a.number = t.account WHERE t.number > " + ticketBase);
        int callBase = max(ctx, "datacall");
        ctx.execute("INSERT INTO datacall (number, callnum, service, username, startdate, starttime, enddate, endtime, "
                + "length, userip, termip, bytesin, bytesout, status) "
                + "SELECT " + callBase + " + (i + 9) / 10, lpad(to_hex(i), 15, '0'), s.number, s.d01, DATE '2026-11-20', "
                + "TIME '08:00:00' + (i % 600) * INTERVAL '1 minute', DATE '2026-11-20', "
                + "TIME '09:00:00' + (i % 600) * INTERVAL '1 minute', 3600, "
                + "'10.' || (i / 65536) % 256 || '.' || (i / 256) % 256 || '.' || i % 256, '192.0.2.1', "
                + "(i::bigint * 7919) % 100000000, (i::bigint * 104729) % 500000000, 1 "
                + "FROM generate_series(1, " + accounts + ") AS i JOIN service s ON s.number = " + serviceBase + " + (i - 1) * 2 + 1 "
                + "WHERE i % 10 = 1");
        int efpBase = max(ctx, "efpstate");
        ctx.execute("INSERT INTO efpstate (number, account, kind, method, amount, status, authcode, processorid) "
                + "SELECT " + efpBase + " + (i + 19) / 20, " + accountBase + " + i, 0, 0, 4995, "
                + "(ARRAY[1, 1, 1, 2, 3, 4])[1 + i % 6], CASE WHEN i % 6 < 3 THEN 'A' || (100000 + i) ELSE '' END, "
                + "'txn-' || (500000 + i) FROM generate_series(1, " + accounts + ") AS i WHERE i % 20 = 1");
        ctx.execute("INSERT INTO efpdata (efpstate, direction, data) "
                + "SELECT e.number, d, CASE WHEN d = 0 THEN 'amount=' || e.amount || '&card=xxxx1111' "
                + "ELSE 'result=' || e.status || '&authcode=' || e.authcode END "
                + "FROM efpstate e CROSS JOIN (VALUES (0), (1)) AS dd(d) WHERE e.number > " + efpBase);
    }
}
