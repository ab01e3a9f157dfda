package io.hookdesk.db.schema;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BillMaxSchemaTest {

    @Test
    void theSchemaHoldingTheMostHookedTablesIsTakenAndTheOthersAreNamed() {
        BillMaxSchema s = BillMaxSchema.choose(null, false, counts("archive", 3, "billing", 10));

        assertThat(s.name()).isEqualTo("billing");
        assertThat(s.reason()).contains("holds 10 of the 10").contains("archive (3)");
        assertThat(s.others()).containsExactly(Map.entry("archive", 3));
    }

    @Test
    void twoSchemasHoldingEquallyManyAreRefusedNamingBoth() {
        assertThatThrownBy(() -> BillMaxSchema.choose(null, false, counts("billing", 6, "billing_old", 6, "x", 1)))
                .isInstanceOf(BillMaxSchema.BillMaxSchemaException.class)
                .hasMessageContaining("billing and billing_old").hasMessageContaining("db.schema");
    }

    @Test
    void theSettingWinsAndMustNameASchemaThatExists() {
        assertThat(BillMaxSchema.choose("billing_old", true, counts("billing", 6, "billing_old", 6)).name()).isEqualTo("billing_old");
        assertThatThrownBy(() -> BillMaxSchema.choose("biling", false, counts("billing", 6)))
                .hasMessageContaining("no schema biling").hasMessageContaining("billing (6)");
    }

    @Test
    void aDatabaseWithoutBillMaxTablesIsWorkedOnAsPublic() {
        assertThat(BillMaxSchema.choose(null, false, Map.of()).name()).isEqualTo("public");
    }

    private static Map<String, Integer> counts(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }
}
