package io.hookdesk.save;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Secrets;
import io.hookdesk.model.TableMeta;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the database refused, as a CSR can act on it: the field concerned and the rule in the database's own terms.
 * A CHECK, NOT NULL, unique, foreign-key or exclusion violation names the column and quotes the constraint's name and
 * definition (read from {@code pg_constraint}, or {@code pg_index} for a unique index); a trigger's
 * {@code RAISE EXCEPTION} (SQLSTATE {@code P0001}, or a class of the ISP's own) is shown as the ISP wrote it; a login
 * without the right to change a column is told which column. All of these are bad input: nothing was written, and
 * trying the same values again cannot help. Values the server quotes back (a unique key's) are masked where the
 * column holds a secret, and a row's full contents ({@code Failing row contains ...}) are never repeated.
 */
final class ConstraintMessages {

    private static final Logger LOG = LoggerFactory.getLogger(ConstraintMessages.class);

    /** The key a refusal of the whole record (not one field) is filed under. */
    static final String RECORD = "record";

    /**
     * The SQLSTATE classes PostgreSQL itself defines; an error in any other class was raised by the ISP's own code
     * (a trigger's {@code RAISE ... USING ERRCODE = 'ZZ001'}), and is shown as written.
     */
    private static final Set<String> POSTGRESQL_CLASSES = Set.of("00", "01", "02", "03", "08", "09", "0A", "0B", "0F",
            "0L", "0P", "0Z", "20", "21", "22", "23", "24", "25", "26", "27", "28", "2B", "2D", "2F", "34", "38", "39",
            "3B", "3D", "3F", "40", "42", "44", "53", "54", "55", "57", "58", "72", "F0", "HV", "P0", "XX");

    private static final Pattern KEY_DETAIL = Pattern.compile("Key \\((.+)\\)=\\((.*)\\) (already exists|is not present in table \"?([^\"]+)\"?|is still referenced from table \"?([^\"]+)\"?)\\.?", Pattern.DOTALL);

    private ConstraintMessages() {
    }

    /** A refusal: the field it concerns ({@link #RECORD} for the whole record), the problem, and the whole sentence. */
    record Refusal(String column, String problem) {
        String message() {
            return RECORD.equals(column) ? problem : column + ": " + problem;
        }
    }

    /**
     * The refusal {@code e} carries, or empty if it is no refusal (a lost connection, a bug). {@code dsl} is asked
     * for the rule's definition; when it cannot answer, the rule is named without it.
     */
    static Optional<Refusal> describe(DSLContext dsl, TableMeta meta, SaveRequest request, Throwable e) {
        PSQLException pg = find(e);
        String state = pg == null ? null : pg.getSQLState();
        if (state == null || state.length() != 5) {
            return Optional.empty();
        }
        ServerErrorMessage m = pg.getServerErrorMessage();
        HookedTable table = request.table();
        // A rule of the database names its constraint (or, NOT NULL, its column); an integrity code without either was
        // raised by the ISP's own code (RAISE ... USING ERRCODE = 'check_violation'), and is shown as written.
        boolean databaseRule = m != null && (m.getConstraint() != null || m.getColumn() != null);
        if (state.startsWith("23") && databaseRule) {
            return Optional.of(constraint(dsl, table, request, state, m));
        }
        if (state.equals("P0001") || state.startsWith("23") || !POSTGRESQL_CLASSES.contains(state.substring(0, 2))) {
            String column = m != null && m.getColumn() != null ? m.getColumn() : RECORD;
            String text = m == null || m.getMessage() == null ? pg.getMessage() : m.getMessage();
            String hint = m == null || m.getHint() == null ? "" : " (" + m.getHint() + ")";
            return Optional.of(new Refusal(column, "refused by the database: " + text + hint));
        }
        if (state.equals("42501")) {
            return columnPrivilege(dsl, meta, request);
        }
        return Optional.empty();
    }

    private static Refusal constraint(DSLContext dsl, HookedTable table, SaveRequest request, String state,
                                      ServerErrorMessage m) {
        String name = m == null ? null : m.getConstraint();
        Rule rule = rule(dsl, m);
        String column = m != null && m.getColumn() != null ? m.getColumn() : rule.column(request);
        String named = name == null ? "" : " (the database's rule " + name + (rule.definition == null ? "" : ": " + rule.definition) + ")";
        Matcher key = m == null || m.getDetail() == null ? null : KEY_DETAIL.matcher(m.getDetail());
        boolean keyed = key != null && key.matches();
        String shown = keyed ? shownKey(table, key.group(1), key.group(2)) : null;
        String problem = switch (state) {
            case "23502" -> "a value is required: the database does not allow this column to be empty (NOT NULL)";
            case "23505" -> keyed ? "must be unique: another " + table + " already has " + shown + named : "must be unique" + named;
            case "23503" -> !keyed ? "refers to a record that does not exist" + named
                    : key.group(4) != null ? "refers to " + key.group(4) + " " + key.group(2) + ", which does not exist" + named
                    : "is still used by " + key.group(5) + " (" + shown + "), so it cannot change" + named;
            case "23514" -> "is not allowed by the database's rule " + name + (rule.definition == null ? "" : ": " + rule.definition);
            case "23P01" -> "conflicts with another " + table + (shown == null ? "" : " (" + shown + ")") + named;
            default -> m == null || m.getMessage() == null ? "refused by the database" : m.getMessage();
        };
        return new Refusal(column == null ? RECORD : column, problem);
    }

    /** {@code login = ada}, or with the values masked when one of the columns holds a secret. */
    private static String shownKey(HookedTable table, String columns, String values) {
        boolean secret = Arrays.stream(columns.split(",\\s*")).anyMatch(c -> Secrets.isSecret(table, c.replace("\"", "")));
        return columns + " = " + (secret ? Secrets.MASK : values);
    }

    /** A constraint's (or unique index's) definition as the database states it, and the columns it covers. */
    private record Rule(String definition, List<String> columns) {
        static final Rule UNKNOWN = new Rule(null, List.of());

        /** The column the rule is about: the one the request changed among its columns, else its first. */
        String column(SaveRequest request) {
            return columns.stream().filter(request.changes()::containsKey).findFirst()
                    .orElse(columns.isEmpty() ? null : columns.get(0));
        }
    }

    private static Rule rule(DSLContext dsl, ServerErrorMessage m) {
        if (m == null || m.getConstraint() == null || m.getSchema() == null) {
            return Rule.UNKNOWN;
        }
        try {
            // A table's constraint, a domain's (on the type, when the server names a data type instead of a table),
            // or a unique index that is no constraint at all.
            Record r = dsl.fetchOptional("""
                    SELECT pg_get_constraintdef(c.oid),
                           ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)
                      FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace
                     WHERE c.conname = ? AND s.nspname = ?
                       AND (c.conrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?))
                            OR c.contypid = to_regtype(quote_ident(?) || '.' || quote_ident(?)))
                    UNION ALL
                    SELECT pg_get_indexdef(x.indexrelid),
                           ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(n, i)
                                   JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.i)
                      FROM pg_index x
                     WHERE x.indexrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?))
                       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                    LIMIT 1""", m.getConstraint(), m.getSchema(), m.getSchema(), String.valueOf(m.getTable()),
                    m.getSchema(), String.valueOf(m.getDatatype()), m.getSchema(), m.getConstraint()).orElse(null);
            if (r == null) {
                return Rule.UNKNOWN;
            }
            String[] columns = r.get(1, String[].class);
            return new Rule(readable(r.get(0, String.class)), columns == null ? List.of() : List.of(columns));
        } catch (RuntimeException lookup) {
            LOG.debug("could not read the definition of {}", m.getConstraint(), lookup);
            return Rule.UNKNOWN;
        }
    }

    /**
     * A definition in fewer symbols: {@code CHECK ((balance > ('-1000'::integer)::numeric))} reads
     * {@code CHECK (balance > -1000)} and {@code CHECK ((state = ANY (ARRAY[0, 1, 2])))} reads
     * {@code CHECK (state IN (0, 1, 2))}; casts the server adds and parentheses around single terms are left out.
     */
    static String readable(String definition) {
        if (definition == null) {
            return null;
        }
        String s = definition.replaceAll(
                "::(?:\"[^\"]+\"|[a-z_][a-z0-9_]*(?: varying| precision| with(?:out)? time zone)?)(?:\\(\\d+(?:,\\d+)?\\))?(?:\\[])?", "");
        s = s.replaceAll("'(-?\\d+(\\.\\d+)?)'", "$1");
        if (s.startsWith("CHECK ")) {
            // Only in an expression: in UNIQUE (login) or REFERENCES servdef(number) the parentheses are syntax.
            String before;
            do {
                before = s;
                s = s.replaceAll("(?<![\\w])\\((-?[\\w.]+|'[^']*')\\)", "$1");
            } while (!s.equals(before));
            s = s.replaceFirst("^CHECK \\(\\((.*)\\)\\)$", "CHECK ($1)");
            s = s.replaceAll(" = ANY \\(\\(ARRAY\\[([^\\]]*)]\\)\\)", " IN ($1)").replaceAll(" = ANY \\(ARRAY\\[([^\\]]*)]\\)", " IN ($1)");
        }
        return s.replaceFirst("^CREATE UNIQUE INDEX (\\S+) ON (\\S+) USING btree ", "UNIQUE INDEX $1 ON $2 ");
    }

    /**
     * {@code permission denied for table service}, said of a column: the first changed column the login may not
     * write, as the catalogue answers ({@code has_column_privilege}); empty if every one is allowed (the refusal is
     * then about something else, such as a row-level policy, and is reported as the database said it).
     */
    private static Optional<Refusal> columnPrivilege(DSLContext dsl, TableMeta meta, SaveRequest request) {
        if (meta == null || request.changes().isEmpty()) {
            return Optional.empty();
        }
        String privilege = request.operation() == Operation.CREATE ? "INSERT" : "UPDATE";
        String qualified = DSL.name(meta.schema(), request.table().sqlName()).toString();
        try {
            for (String column : request.changes().keySet()) {
                Boolean may = dsl.fetchOne("SELECT has_column_privilege(?::regclass, ?, ?)", qualified, column, privilege)
                        .get(0, Boolean.class);
                if (Boolean.FALSE.equals(may)) {
                    return Optional.of(new Refusal(column, "your database login may not " + (privilege.equals("INSERT")
                            ? "set this column on a new " : "change this column of a ") + request.table()
                            + " (no " + privilege + " privilege on " + meta.schema() + "." + request.table().sqlName() + "."
                            + column + "); ask your administrator"));
                }
            }
        } catch (RuntimeException lookup) {
            LOG.debug("could not check the column privileges on {}", qualified, lookup);
        }
        return Optional.empty();
    }

    private static PSQLException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p) {
                return p;
            }
            if (t instanceof SQLException s && s.getNextException() instanceof PSQLException p) {
                return p;
            }
        }
        return null;
    }
}
