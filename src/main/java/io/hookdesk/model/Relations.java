package io.hookdesk.model;

import static io.hookdesk.model.HookedTable.*;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which related records each table's hook receives, declared in one place. Order matters:
 * a relation may start from an earlier one (datacall: SERVICE, then USER of that service, then ACCOUNT of that user).
 */
public final class Relations {

    private static final Map<HookedTable, List<Relation>> BY_TABLE = new EnumMap<>(HookedTable.class);

    static {
        for (HookedTable t : HookedTable.values()) {
            BY_TABLE.put(t, List.of());
        }
        BY_TABLE.put(SERVICE, List.of(Relation.own(USER, "user"), Relation.via(ACCOUNT, "USER", "account")));
        BY_TABLE.put(USER, List.of(Relation.own(ACCOUNT, "account")));
        BY_TABLE.put(PAYHIST, List.of(Relation.own(ACCOUNT, "account")));
        BY_TABLE.put(EFPSTATE, List.of(Relation.own(ACCOUNT, "account")));
        BY_TABLE.put(TICKET, List.of(
                Relation.own(ACCOUNT, "account"), Relation.own(QUEUE, "queue"), Relation.own(USER, "user")));
        BY_TABLE.put(MESSAGE, List.of(Relation.own(TICKET, "ticket")));
        BY_TABLE.put(EFPDATA, List.of(Relation.own(EFPSTATE, "efpstate")));
        BY_TABLE.put(DATACALL, List.of(
                Relation.own(SERVICE, "service"), Relation.via(USER, "SERVICE", "user"), Relation.via(ACCOUNT, "USER", "account")));
    }

    private Relations() {
    }

    public static List<Relation> of(HookedTable table) {
        return BY_TABLE.get(table);
    }
}
