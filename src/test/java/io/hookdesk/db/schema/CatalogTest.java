package io.hookdesk.db.schema;

import io.hookdesk.db.Database;
import io.hookdesk.model.ColumnKind;
import io.hookdesk.model.ColumnMeta;
import io.hookdesk.model.DocumentedColumns;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.TableMeta;
import io.hookdesk.model.TableUnavailableException;
import io.hookdesk.testing.TestDatabase;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What HookDesk reads of a database's tables at connect, from the catalogue, and nothing else. */
class CatalogTest {

    @Test
    void theDemoDatabaseHasExactlyTheDocumentedColumnsInTheirOrder() {
        try (Database db = TestDatabase.fresh()) {
            Tables tables = Catalog.read(db.dsl());
            for (HookedTable t : HookedTable.values()) {
                assertThat(tables.meta(t).columnNames()).as(t.sqlName()).isEqualTo(DocumentedColumns.of(t));
            }
            assertThat(tables.servdef()).isPresent();
        }
    }

    @Test
    void allTablesAreReadInOneStatement() {
        try (Database db = TestDatabase.fresh()) {
            AtomicInteger statements = new AtomicInteger();
            var counting = db.dsl().configuration().derive(new ExecuteListener() {
                @Override
                public void executeStart(ExecuteContext ctx) {
                    statements.incrementAndGet();
                }
            }).dsl();

            Catalog.read(counting);

            assertThat(statements).hasValue(1);
        }
    }

    @Test
    void aForeignSchemaIsDescribedAsItIs() {
        try (Database db = Database.connect(TestDatabase.foreignBillMax(), "postgres", null)) {
            Tables tables = Catalog.read(db.dsl());
            TableMeta service = tables.meta(HookedTable.SERVICE);

            assertThat(service.schema()).isEqualTo("public");
            assertThat(service.columnNames()).startsWith("d01", "number", "user").contains("x_vlan", "x_tags");
            ColumnMeta d01 = service.column("d01").orElseThrow();
            assertThat(d01.kind()).isEqualTo(ColumnKind.TEXT);
            assertThat(d01.padded()).isTrue();
            assertThat(d01.length()).isEqualTo(32);
            assertThat(service.column("d02").orElseThrow().padded()).isFalse();
            ColumnMeta price = service.column("price").orElseThrow();
            assertThat(price.kind()).isEqualTo(ColumnKind.DECIMAL);
            assertThat(price.precision()).isEqualTo(30);
            assertThat(price.scale()).isEqualTo(10);
            assertThat(service.column("x_tags").orElseThrow()).satisfies(c -> {
                assertThat(c.kind()).isEqualTo(ColumnKind.SERVER_TEXT);
                assertThat(c.sqlType()).isEqualTo("text[]");
                assertThat(c.castType()).isEqualTo("text[]");
                assertThat(c.writable()).isTrue();
            });
            assertThat(service.column("x_profile").orElseThrow().sqlType()).isEqualTo("jsonb");
            assertThat(service.column("x_changed").orElseThrow().kind()).isEqualTo(ColumnKind.TIMESTAMPTZ);
            assertThat(service.column("x_vlan").orElseThrow()).satisfies(c -> {
                assertThat(c.kind()).isEqualTo(ColumnKind.INTEGER);
                assertThat(c.nullable()).isTrue();
                assertThat(c.writable()).isTrue();
            });
            // A serial key and a stamp with a default are the database's to assign.
            assertThat(service.column("number").orElseThrow().generated()).isTrue();
            assertThat(service.column("generation").orElseThrow().generated()).isTrue();
            assertThat(service.column("user").orElseThrow().references()).isEqualTo("user");
            assertThat(service.column("servdef").orElseThrow().references()).isEqualTo("servdef");
            assertThat(tables.meta(HookedTable.ACCOUNT).has("cmname")).isFalse();
            assertThat(tables.privileges(HookedTable.SERVICE)).isEqualTo(new Catalog.Privileges(true, true, true));
            assertThat(tables.defaults(HookedTable.SERVICE)).containsEntry("state", "0").doesNotContainKey("number");

            assertThat(tables.available(HookedTable.EFPDATA)).isFalse();
            assertThatThrownBy(() -> tables.meta(HookedTable.EFPDATA)).isInstanceOf(TableUnavailableException.class)
                    .hasMessage("this database has no table efpdata");
            assertThat(tables.problem(HookedTable.TICKET)).hasValue("ticket has no single-column primary key number in this database");
        }
    }
}
