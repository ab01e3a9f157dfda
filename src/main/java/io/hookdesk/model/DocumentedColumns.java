package io.hookdesk.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of each hooked table that BillMax documents and HookDesk's demo database has, in the demo's order.
 * HookDesk knows their meaning (labels, coded values, secrets, pickers); a real database may lack some of them
 * (they are simply absent) or have more (shown under "Other columns" and passed to hooks like any other).
 * {@code hookdesk db check} compares a database with this list.
 */
public final class DocumentedColumns {

    private static final Map<HookedTable, List<String>> COLUMNS = new EnumMap<>(HookedTable.class);

    static {
        COLUMNS.put(HookedTable.ACCOUNT, List.of(
                "number", "state", "adcode", "addr1", "addr2", "addr3", "addr4", "appointmentroute", "autoeft", "bacct",
                "bname", "brout", "bstate", "bcity", "balance", "bmui", "cancelreasons", "ccaddr", "cccity",
                "cccountry", "ccdeclines", "ccexp", "ccfname", "cclname", "ccname", "ccnexttry", "ccnum", "ccnumenc",
                "ccpass", "ccphone", "ccpin", "ccstatename", "cctype", "cczip", "cfname", "cmname", "clname", "company",
                "city", "county", "country", "statename", "zip", "cphone", "fphone", "customerof", "datetoreopen",
                "deposit", "email", "empl", "startdate", "enddate", "enddatereason", "entdate", "enttime",
                "finactivity", "flags", "generation", "gracedate", "guarantor", "immune", "referredby", "textmessage",
                "taxable", "taxregion", "reseller", "paytype", "invmethod", "invday", "lastmodempl"));
        COLUMNS.put(HookedTable.USER, List.of(
                "number", "account", "state", "fname", "lname", "login", "password", "addr1", "addr2", "addr3", "addr4",
                "city", "statename", "zip", "country", "aphone", "dataphone", "dphone", "email", "custsecret",
                "dlnumber", "dlstate", "dob", "taxregion", "startdate", "enddate", "entdate", "enttime", "empl",
                "lastmodempl", "generation"));
        COLUMNS.put(HookedTable.SERVICE, List.of(
                "number", "user", "state", "servdef", "package", "service", "startdate", "enddate", "free", "wsetup",
                "wdeposit", "taxable", "setup_taxable", "taxrule", "d01", "d02", "d03", "d04", "d05", "d06", "d07",
                "d08", "d09", "d10", "plaintextpass", "resources", "donotprovision", "invdate", "invday", "invcnt",
                "iprice", "iduration", "icnt", "price", "duration", "cnt", "lprice", "lduration", "lcnt", "quantity",
                "tot_seconds", "prime_seconds", "cleardate", "ou_notice", "ou_susp", "ouprime_notice", "ouprime_susp",
                "tiervalue", "bwreportdate", "nextusagedate", "ponumber", "pop", "refaccount", "refdate", "reason",
                "suspdate", "changetocnt", "misc01", "misc02", "misc03", "misc04", "misc05", "misc06", "misc07",
                "misc08", "misc09", "misc10", "misc11", "misc12", "misc13", "misc14", "misc15", "misc16", "misc17",
                "misc18", "misc19", "misc20", "entdate", "enttime", "empl", "lastmodempl", "generation"));
        COLUMNS.put(HookedTable.EFPSTATE, List.of(
                "number", "account", "payhist", "kind", "method", "amount", "status", "authcode", "processorid",
                "batchid", "entdate", "enttime", "empl", "lastmodempl"));
        COLUMNS.put(HookedTable.EFPDATA, List.of(
                "number", "efpstate", "direction", "data", "entdate", "enttime"));
        COLUMNS.put(HookedTable.PAYHIST, List.of(
                "number", "account", "service", "kind", "authcode", "ccnumshort", "batchid", "bankacct", "ucash",
                "cdeposit", "deposit", "changetocnt", "changetodate", "charge_type", "cleardate", "duedate", "enddate",
                "customerof", "depno", "descr", "empl", "entdate", "enttime", "lastmodempl"));
        COLUMNS.put(HookedTable.QUEUE, List.of(
                "number", "name", "descr", "state", "sla", "use_sla", "use_messages", "use_appointments", "use_onhold",
                "assignmode", "defaultassignee", "inboundemail", "outboundemail"));
        COLUMNS.put(HookedTable.TICKET, List.of(
                "number", "queue", "account", "user", "subject", "issue", "resolution", "status", "assignee",
                "priority", "sladate", "slatime", "nextprioritydate", "nextprioritytime", "mergedinto", "entdate",
                "enttime", "empl", "lastmodempl"));
        COLUMNS.put(HookedTable.MESSAGE, List.of(
                "number", "ticket", "source", "fromaddr", "toaddr", "subject", "body", "customervisible", "entdate",
                "enttime", "empl"));
        COLUMNS.put(HookedTable.DATACALL, List.of(
                "number", "callnum", "service", "username", "startdate", "starttime", "enddate", "endtime", "length",
                "delaytime", "progress", "disconnect", "userip", "termip", "dnis", "callerid", "protocol", "port",
                "slot", "shelf", "status", "baudup", "bauddown", "pktin", "pktout", "bytesin", "bytesout",
                "gigabytesin", "gigabytesout", "mlid", "mlnum", "expires", "job"));
    }

    private DocumentedColumns() {
    }

    public static List<String> of(HookedTable table) {
        return COLUMNS.get(table);
    }
}
