package io.hookdesk.hook;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookdesk.model.FireDecision;
import io.hookdesk.model.FireDecision.Reason;
import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Operation;
import io.hookdesk.model.Origin;
import io.hookdesk.model.Row;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FirePolicyTest {

    private static final Row SERVICE = service();

    private static Row service() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("number", 7);
        v.put("state", (short) 5);
        v.put("d01", "bob");
        v.put("donotprovision", false);
        v.put("invdate", LocalDate.of(2024, 3, 1));
        v.put("invcnt", 4);
        v.put("tot_seconds", 100);
        v.put("generation", 12L);
        v.put("lastmodempl", "alice");
        v.put("price", new BigDecimal("19.9500000000"));
        return Row.of(v);
    }

    private static FireDecision update(Map<String, ?> changes, Origin origin) {
        return FirePolicy.decide(HookedTable.SERVICE, Operation.UPDATE, SERVICE, SERVICE.with(changes), origin);
    }

    @Test
    void automatedProcessingNeverFires() {
        FireDecision create = FirePolicy.decide(HookedTable.SERVICE, Operation.CREATE, null, SERVICE, Origin.AUTOMATED);
        FireDecision update = update(Map.of("state", (short) 1), Origin.AUTOMATED);

        assertThat(create.fire()).isFalse();
        assertThat(create.reason()).isEqualTo(Reason.AUTOMATED);
        assertThat(update.fire()).isFalse();
        assertThat(update.reason()).isEqualTo(Reason.AUTOMATED);
    }

    @Test
    void serviceMarkedDoNotProvisionNeverFires() {
        Row dnp = SERVICE.with(Map.of("donotprovision", true));

        FireDecision update = FirePolicy.decide(HookedTable.SERVICE, Operation.UPDATE, dnp,
                dnp.with(Map.of("state", (short) 1, "d01", "robert")), Origin.DESKTOP);
        FireDecision create = FirePolicy.decide(HookedTable.SERVICE, Operation.CREATE, null, dnp, Origin.COMMAND_LINE);

        assertThat(update.fire()).isFalse();
        assertThat(update.reason()).isEqualTo(Reason.DO_NOT_PROVISION);
        assertThat(create.fire()).isFalse();
    }

    @Test
    void doNotProvisionCountsByValueWhateverTheColumnType() {
        for (Object set : new Object[] {true, (short) 1, 1, 2L, -1, new java.math.BigDecimal("1.00"), "1", "t", "Y", "true", "yes"}) {
            Row dnp = SERVICE.with(java.util.Collections.singletonMap("donotprovision", set));
            FireDecision d = FirePolicy.decide(HookedTable.SERVICE, Operation.UPDATE, dnp, dnp.with(Map.of("state", (short) 2)),
                    Origin.COMMAND_LINE);
            assertThat(d.reason()).as("donotprovision = %s (%s)", set, set.getClass().getSimpleName())
                    .isEqualTo(Reason.DO_NOT_PROVISION);
        }
        for (Object unset : new Object[] {null, false, (short) 0, 0, 0L, new java.math.BigDecimal("0.00"), "0", "f", "n", "", "no"}) {
            Row row = SERVICE.with(java.util.Collections.singletonMap("donotprovision", unset));
            FireDecision d = FirePolicy.decide(HookedTable.SERVICE, Operation.UPDATE, row, row.with(Map.of("state", (short) 2)),
                    Origin.COMMAND_LINE);
            assertThat(d.fire()).as("donotprovision = %s", unset).isTrue();
        }
    }

    @Test
    void aSaveThatOnlyStampsGenerationChangedNothing() {
        FireDecision decision = update(Map.of("generation", 13L, "lastmodempl", 4), Origin.DESKTOP);

        assertThat(decision.fire()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.NOTHING_CHANGED);
        assertThat(decision.changedColumns()).isEmpty();
    }

    @Test
    void renewalAndUsageBookkeepingDoesNotFire() {
        Map<String, Object> changes = new HashMap<>();
        changes.put("invdate", LocalDate.of(2024, 4, 1));
        changes.put("invcnt", 5);
        changes.put("tot_seconds", 3600);
        changes.put("generation", 13L);
        changes.put("lastmodempl", "bob");

        FireDecision decision = update(changes, Origin.DESKTOP);

        assertThat(decision.fire()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.ONLY_NON_PROVISIONING);
        assertThat(decision.changedColumns()).containsExactly("invdate", "invcnt", "tot_seconds");
        assertThat(decision.describe()).isEqualTo("only non-provisioning columns changed (invdate, invcnt, tot_seconds)");
    }

    @Test
    void changingStateFires() {
        FireDecision decision = update(Map.of("state", (short) 1, "invcnt", 5), Origin.DESKTOP);

        assertThat(decision.fire()).isTrue();
        assertThat(decision.reason()).isEqualTo(Reason.PROVISIONING_CHANGE);
        assertThat(decision.changedColumns()).containsExactly("state", "invcnt");
    }

    @Test
    void changingTheLoginFires() {
        FireDecision decision = update(Map.of("d01", "robert"), Origin.COMMAND_LINE);

        assertThat(decision.fire()).isTrue();
        assertThat(decision.changedColumns()).containsExactly("d01");
    }

    @Test
    void createByAPersonFires() {
        FireDecision decision = FirePolicy.decide(HookedTable.SERVICE, Operation.CREATE, null, SERVICE, Origin.DESKTOP);

        assertThat(decision.fire()).isTrue();
        assertThat(decision.reason()).isEqualTo(Reason.CREATED);
    }

    @Test
    void savingWithoutChangesDoesNotFire() {
        FireDecision decision = update(Map.of(), Origin.DESKTOP);

        assertThat(decision.fire()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.NOTHING_CHANGED);
    }

    @Test
    void theSameDecimalWithAnotherScaleIsNoChange() {
        FireDecision decision = update(Map.of("price", new BigDecimal("19.95")), Origin.DESKTOP);

        assertThat(decision.reason()).isEqualTo(Reason.NOTHING_CHANGED);
    }

    @Test
    void nonProvisioningColumnsBelongToTheirTable() {
        Row account = Row.of(Map.of("number", 1, "balance", new BigDecimal("10.00"), "name", "Bob"));

        FireDecision balance = FirePolicy.decide(HookedTable.ACCOUNT, Operation.UPDATE, account,
                account.with(Map.of("balance", new BigDecimal("0.00"))), Origin.DESKTOP);
        FireDecision name = FirePolicy.decide(HookedTable.ACCOUNT, Operation.UPDATE, account,
                account.with(Map.of("name", "Robert")), Origin.DESKTOP);
        Row user = Row.of(Map.of("number", 3, "invcnt", 1));
        FireDecision userInvcnt = FirePolicy.decide(HookedTable.USER, Operation.UPDATE, user,
                user.with(Map.of("invcnt", 2)), Origin.DESKTOP);

        assertThat(balance.fire()).isFalse();
        assertThat(name.fire()).isTrue();
        assertThat(userInvcnt.fire()).as("invcnt is bookkeeping only on service").isTrue();
    }
}
