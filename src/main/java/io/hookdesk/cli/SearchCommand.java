package io.hookdesk.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;
import io.hookdesk.model.Secrets;
import io.hookdesk.model.TableMeta;
import io.hookdesk.records.SearchPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hookdesk search}: the search the desktop's lists run (the same {@link io.hookdesk.records.RecordService}
 * call), for an operator checking a database and for scripts finding records. Reads only; secrets are masked.
 */
@Command(name = "search", sortOptions = false,
        description = {"Find records as the desktop's search does: a number finds that record first (and records "
                + "pointing at it), names and subjects match anywhere, emails, logins and phones (by their digits) from "
                + "the start, case-insensitively; %% is a wildcard.",
                "stdout: a header line and one tab-separated line per record, newest first; with --json one JSON object "
                        + "per record with every column this login may read, secrets as ********.",
                "stderr: how many were listed, and whether there are more. Exit 0 whether or not anything matched."},
        footer = {"", "Examples:", "  hookdesk search account 'carla schmidt'", "  hookdesk search service 27 --limit 5",
                "  hookdesk search account 5419250025 --json"})
final class SearchCommand implements Callable<Integer> {

    /** The columns a line shows where the table has them: what tells one record from another in the desktop's lists. */
    private static final Map<HookedTable, List<String>> SHOWN = Map.of(
            HookedTable.ACCOUNT, List.of("cfname", "clname", "company", "email", "cphone", "state"),
            HookedTable.USER, List.of("account", "login", "fname", "lname", "email", "dphone", "state"),
            HookedTable.SERVICE, List.of("user", "servdef", "d01", "state"),
            HookedTable.TICKET, List.of("account", "queue", "subject"),
            HookedTable.QUEUE, List.of("name", "descr"),
            HookedTable.MESSAGE, List.of("ticket", "subject", "fromaddr"),
            HookedTable.PAYHIST, List.of("account", "service", "amount", "descr"),
            HookedTable.EFPSTATE, List.of("account", "payhist", "authcode"),
            HookedTable.EFPDATA, List.of("efpstate"),
            HookedTable.DATACALL, List.of("service", "username", "callnum", "userip"));

    static final int MAX_LIMIT = 1000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TABLE", description = "account, user, service, ticket, ...")
    HookedTable table;

    @Parameters(index = "1", paramLabel = "TEXT", description = "what to look for")
    String text;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "at most N records (1 to "
            + MAX_LIMIT + "; default 20)")
    int limit;

    @Option(names = "--json", description = "one JSON object per record, every column this login may read")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw CliException.badInput("--limit must be between 1 and " + MAX_LIMIT + ", not " + limit + "; nothing was searched");
        }
        var app = CliContext.of(spec).services();
        TableMeta meta = app.records().meta(table);
        SearchPage page = app.records().search(table, text, null, true, 0, limit);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            for (Row row : page.rows()) {
                out.println(json(meta, row));
            }
        } else {
            List<String> shown = new ArrayList<>(List.of("number"));
            SHOWN.get(table).stream().filter(meta::has).forEach(shown::add);
            out.println(String.join("\t", shown));
            for (Row row : page.rows()) {
                out.println(String.join("\t", shown.stream().map(c -> cell(row, c)).toList()));
            }
        }
        out.flush();
        spec.commandLine().getErr().println("# " + page.rows().size() + " " + table + (page.rows().size() == 1 ? "" : "s")
                + (page.more() ? " listed; there are more (--limit " + Math.min(MAX_LIMIT, limit * 2) + " lists more)" : ""));
        return ExitCodes.OK;
    }

    /** A value for a tab-separated line: a tab or line break in it becomes a space, so one record stays one line. */
    private String cell(Row row, String column) {
        Object v = row.get(column);
        if (v == null) {
            return "";
        }
        return Secrets.isSecret(table, column) ? Secrets.MASK : String.valueOf(v).replaceAll("[\\t\\r\\n]", " ");
    }

    private String json(TableMeta meta, Row row) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            for (String column : meta.columnNames()) {
                Object v = row.get(column);
                g.writeFieldName(column);
                if (v == null) {
                    g.writeNull();
                } else if (Secrets.isSecret(table, column)) {
                    g.writeString(Secrets.MASK);
                } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                    g.writeNumber(((Number) v).longValue());
                } else if (v instanceof BigDecimal d) {
                    g.writeNumber(d);
                } else if (v instanceof Boolean b) {
                    g.writeBoolean(b);
                } else {
                    g.writeString(String.valueOf(v));
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
