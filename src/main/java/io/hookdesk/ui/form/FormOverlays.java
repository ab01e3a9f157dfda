package io.hookdesk.ui.form;

import io.hookdesk.model.HookedTable;
import io.hookdesk.model.Row;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.hookdesk.model.HookedTable.*;

/**
 * The one place that says how each table's form looks: groups, labels, coded values, check boxes and pickers.
 * Codes follow the BillMax reference (service state) and HookDesk's proposed columns (efpstate, queue, ticket,
 * message); see {@code shared/reference/billmax-schema.md}.
 */
public final class FormOverlays {

    /** Account, user and service share BillMax's Open/Closed/Suspended states. */
    public static final List<Code> RECORD_STATE = Code.list(
            "0", "Open", "1", "Closed", "2", "Suspended", "3", "Waiting for Payment", "5", "Prospective");
    public static final List<Code> TAXABLE = Code.list("1", "Taxable", "0", "Not taxable", "-1", "N/A");

    private static final String RECORD = "Record";
    private static final String[] RECORD_COLUMNS = {"entdate", "enttime", "empl", "lastmodempl", "generation"};
    private static final String[] RECORD_LABELS = {"entdate", "Entered on", "enttime", "Entered at", "empl", "Entered by",
            "lastmodempl", "Last changed by", "generation", "Last change", "number", "Number"};

    private final Map<HookedTable, TableOverlay> overlays = new EnumMap<>(HookedTable.class);

    public FormOverlays() {
        overlays.put(ACCOUNT, account());
        overlays.put(USER, user());
        overlays.put(SERVICE, service());
        overlays.put(PAYHIST, payhist());
        overlays.put(EFPSTATE, efpstate());
        overlays.put(EFPDATA, efpdata());
        overlays.put(QUEUE, queue());
        overlays.put(TICKET, ticket());
        overlays.put(MESSAGE, message());
        overlays.put(DATACALL, datacall());
    }

    public TableOverlay of(HookedTable table) {
        return overlays.get(table);
    }

    /** What a CSR calls a list of these records: "Accounts", "Payments", "Data calls". */
    public String plural(HookedTable table) {
        return switch (table) {
            case ACCOUNT -> "Accounts";
            case USER -> "Users";
            case SERVICE -> "Services";
            case EFPSTATE -> "Electronic payments";
            case EFPDATA -> "Processor data";
            case PAYHIST -> "Payments";
            case QUEUE -> "Queues";
            case TICKET -> "Tickets";
            case MESSAGE -> "Messages";
            case DATACALL -> "Data calls";
        };
    }

    /** What a CSR calls one of these records: "payment" for payhist, "data call" for datacall (tab titles). */
    public String singular(HookedTable table) {
        return switch (table) {
            case EFPSTATE -> "electronic payment";
            case EFPDATA -> "processor data";
            case PAYHIST -> "payment";
            case DATACALL -> "data call";
            default -> table.sqlName();
        };
    }

    private static TableOverlay account() {
        return TableOverlay.of(ACCOUNT)
                .describe(r -> join(s(r, "cfname"), s(r, "clname")) + (s(r, "company").isEmpty() ? "" : " · " + s(r, "company")))
                .list("number", "cfname", "clname", "company", "email", "cphone", "city", "state")
                .group("Contact", "number", "state", "cfname", "cmname", "clname", "company", "email", "cphone",
                        "fphone", "textmessage")
                .group("Address", "addr1", "addr2", "addr3", "addr4", "city", "county", "statename", "zip", "country")
                .group("Billing", "balance", "deposit", "taxable", "taxregion", "paytype", "invmethod", "invday",
                        "gracedate", "guarantor", "customerof", "reseller", "autoeft", "bmui")
                .group("Dates", "startdate", "enddate", "enddatereason", "datetoreopen", "cancelreasons")
                .group("Card (legacy)", "ccnum", "ccexp", "cctype", "ccname", "ccfname", "cclname", "ccaddr", "cccity",
                        "ccstatename", "cczip", "cccountry", "ccphone", "ccpin", "ccpass", "ccnumenc", "ccdeclines", "ccnexttry")
                .group("Bank (legacy)", "bname", "bacct", "brout", "bcity", "bstate")
                .group(RECORD, RECORD_COLUMNS)
                .collapsed("Card (legacy)", "Bank (legacy)", RECORD)
                .labels(RECORD_LABELS)
                .labels("state", "State", "cfname", "First name", "cmname", "Middle name", "clname", "Last name",
                        "company", "Company", "email", "Email", "cphone", "Phone", "fphone", "Fax", "textmessage", "Text message",
                        "addr1", "Address 1", "addr2", "Address 2", "addr3", "Address 3", "addr4", "Address 4", "city", "City",
                        "county", "County", "statename", "State/province", "zip", "ZIP", "country", "Country",
                        "balance", "Balance", "deposit", "Deposits held", "taxable", "Taxable", "taxregion", "Tax region",
                        "paytype", "Pay type", "invmethod", "Invoice method", "invday", "Invoice day", "gracedate", "Grace until",
                        "guarantor", "Guarantor account", "customerof", "Virtual company", "reseller", "Reseller",
                        "autoeft", "Auto EFT", "bmui", "Portal access", "startdate", "Start date", "enddate", "End date",
                        "enddatereason", "End reason", "datetoreopen", "Reopen on", "cancelreasons", "Cancel reason",
                        "ccnum", "Card number", "ccexp", "Card expiry", "cctype", "Card type", "ccname", "Name on card",
                        "bname", "Bank name", "bacct", "Bank account", "brout", "Routing number")
                .codes("state", RECORD_STATE)
                .codes("taxable", TAXABLE)
                .checks("bmui")
                .money("balance", "deposit")
                .reference("guarantor", ACCOUNT);
    }

    private static TableOverlay user() {
        return TableOverlay.of(USER)
                .describe(r -> join(s(r, "fname"), s(r, "lname")) + (s(r, "login").isEmpty() ? "" : " (" + s(r, "login") + ")"))
                .list("number", "account", "fname", "lname", "login", "email", "dphone", "state")
                .group("User", "number", "account", "state", "fname", "lname", "email", "dphone", "aphone", "dataphone")
                .group("Portal login", "login", "password")
                .group("Address", "addr1", "addr2", "addr3", "addr4", "city", "statename", "zip", "country", "taxregion")
                .group("Identity", "custsecret", "dlnumber", "dlstate", "dob")
                .group("Dates", "startdate", "enddate")
                .group(RECORD, RECORD_COLUMNS)
                .collapsed(RECORD)
                .labels(RECORD_LABELS)
                .labels("account", "Account", "state", "State", "fname", "First name", "lname", "Last name", "email", "Email",
                        "dphone", "Day phone", "aphone", "Alternate phone", "dataphone", "Modem phone", "login", "Portal login",
                        "password", "Portal password", "addr1", "Address 1", "addr2", "Address 2", "addr3", "Address 3",
                        "addr4", "Address 4", "city", "City", "statename", "State/province", "zip", "ZIP", "country", "Country",
                        "taxregion", "Tax region", "custsecret", "Secret phrase", "dlnumber", "Licence number",
                        "dlstate", "Licence state", "dob", "Date of birth", "startdate", "Start date", "enddate", "End date")
                .codes("state", RECORD_STATE)
                .reference("account", ACCOUNT);
    }

    private static TableOverlay service() {
        return TableOverlay.of(SERVICE)
                .describe(r -> s(r, "d01"))
                .list("number", "d01", "user", "servdef", "state", "startdate", "invdate")
                .group("Service", "number", "user", "servdef", "state", "donotprovision", "startdate", "enddate",
                        "suspdate", "reason")
                .group("Provisioning", "d01", "d02", "d03", "d04", "d05", "d06", "d07", "d08", "d09", "d10",
                        "plaintextpass", "resources")
                .group("Billing", "free", "wsetup", "wdeposit", "taxable", "setup_taxable", "taxrule", "invdate", "invday",
                        "invcnt", "iprice", "iduration", "icnt", "price", "duration", "cnt", "lprice", "lduration", "lcnt",
                        "quantity", "ponumber")
                .group("Usage", "tot_seconds", "prime_seconds", "cleardate", "ou_notice", "ou_susp", "ouprime_notice",
                        "ouprime_susp", "tiervalue", "bwreportdate", "nextusagedate", "pop")
                .group("Links", "package", "service", "refaccount", "refdate", "changetocnt")
                .group("Miscellaneous", "misc01", "misc02", "misc03", "misc04", "misc05", "misc06", "misc07", "misc08",
                        "misc09", "misc10", "misc11", "misc12", "misc13", "misc14", "misc15", "misc16", "misc17", "misc18",
                        "misc19", "misc20")
                .group(RECORD, RECORD_COLUMNS)
                .collapsed("Usage", "Links", "Miscellaneous", RECORD)
                .labels(RECORD_LABELS)
                .labels("user", "User", "servdef", "Product", "state", "State", "donotprovision", "Do Not Provision",
                        "startdate", "Start date", "enddate", "End date", "suspdate", "Suspend on", "reason", "State reason",
                        "d01", "Login (d01)", "d02", "Password (d02)", "plaintextpass", "Plain-text password",
                        "resources", "Resources", "free", "Free", "wsetup", "Setup fee", "wdeposit", "Waive deposit",
                        "taxable", "Taxable", "setup_taxable", "Setup taxable", "taxrule", "Tax rule", "invdate", "Next bill date",
                        "invday", "Billing day", "invcnt", "Times billed", "iprice", "Price 1", "iduration", "Period 1",
                        "icnt", "Count 1", "price", "Price 2", "duration", "Period 2", "cnt", "Count 2", "lprice", "Price 3",
                        "lduration", "Period 3", "lcnt", "Count 3", "quantity", "Quantity", "ponumber", "PO number",
                        "package", "Package", "service", "Fee for service", "refaccount", "Referred by account",
                        "refdate", "Referral date", "changetocnt", "Changes applied")
                .codes("state", RECORD_STATE)
                .codes("wsetup", Code.list("0", "Yes", "1", "No", "2", "On Open"))
                .codes("taxable", TAXABLE)
                .checks("free", "wdeposit")
                .reference("user", USER)
                .reference("package", SERVICE)
                .reference("service", SERVICE)
                .reference("refaccount", ACCOUNT)
                .lookup("servdef", Lookup.SERVDEF);
    }

    private static TableOverlay payhist() {
        return TableOverlay.of(PAYHIST)
                .describe(r -> s(r, "descr"))
                .list("number", "account", "service", "descr", "ucash", "entdate", "duedate")
                .group("Transaction", "number", "account", "service", "kind", "descr", "ucash", "bankacct", "charge_type",
                        "duedate", "enddate", "cleardate")
                .group("Card", "authcode", "ccnumshort", "batchid")
                .group("Deposit", "cdeposit", "deposit", "depno")
                .group(RECORD, RECORD_COLUMNS)
                .collapsed("Deposit", RECORD)
                .labels(RECORD_LABELS)
                .labels("account", "Account", "service", "Service", "kind", "Kind", "descr", "Description",
                        "ucash", "Amount", "bankacct", "Bank account", "charge_type", "Charge type",
                        "duedate", "Due date", "enddate", "Period end", "cleardate", "Cleared on", "authcode", "Auth code",
                        "ccnumshort", "Card (masked)", "batchid", "Batch", "cdeposit", "Deposit charge", "deposit", "Deposit",
                        "depno", "Deposit refunded")
                .money("ucash", "bankacct", "cdeposit", "deposit")
                .codes("kind", PAYHIST_KINDS)
                .startWith("kind", "2")
                .newRecordStartsIn("account")
                .reference("account", ACCOUNT)
                .reference("service", SERVICE);
    }

    /**
     * BillMax's transaction kinds, in the order its documentation lists them (Transactions; 2.2's payhist table).
     * BillMax does not publish their numbers: these follow that order from 1, which puts a payment at 2 as the demo
     * data and the databases seen so far have it. A code not in the list still shows as its number.
     */
    static final List<Code> PAYHIST_KINDS = Code.list("1", "Sale", "2", "Payment", "3", "Store credit", "4", "Refund",
            "5", "Deposit", "6", "Sales return", "7", "Reversal", "8", "Write-off", "9", "Beginning balance", "10", "Void");

    private static TableOverlay efpstate() {
        return TableOverlay.of(EFPSTATE)
                .describe(r -> s(r, "processorid"))
                .list("number", "account", "kind", "method", "amount", "status", "authcode", "entdate")
                .group("Electronic payment", "number", "account", "payhist", "kind", "method", "amount", "status")
                .group("Processor", "authcode", "processorid", "batchid")
                .group(RECORD, RECORD_COLUMNS)
                .collapsed(RECORD)
                .labels(RECORD_LABELS)
                .labels("account", "Account", "payhist", "Payment", "kind", "Kind", "method", "Method",
                        "amount", "Amount", "status", "Status", "authcode", "Auth code", "processorid", "Processor id",
                        "batchid", "Batch")
                .money("amount")
                .codes("status", Code.list("0", "pending", "1", "approved", "2", "declined", "3", "unknown", "4", "held"))
                .codes("kind", Code.list("0", "payment", "1", "refund"))
                .codes("method", Code.list("0", "card", "1", "e-check", "2", "NACHA"))
                .reference("account", ACCOUNT)
                .reference("payhist", PAYHIST);
    }

    private static TableOverlay efpdata() {
        return TableOverlay.of(EFPDATA)
                .describe(r -> s(r, "data").length() > 40 ? s(r, "data").substring(0, 40) + "…" : s(r, "data"))
                .list("number", "efpstate", "direction", "data", "entdate")
                .group("Processor data", "number", "efpstate", "direction", "data")
                .group(RECORD, RECORD_COLUMNS)
                .collapsed(RECORD)
                .labels(RECORD_LABELS)
                .labels("efpstate", "Electronic payment", "direction", "Direction", "data", "Data")
                .codes("direction", Code.list("0", "request", "1", "response"))
                .textAreas("data")
                .reference("efpstate", EFPSTATE);
    }

    private static TableOverlay queue() {
        return TableOverlay.of(QUEUE)
                .describe(r -> s(r, "name"))
                .list("number", "name", "descr", "state", "assignmode", "inboundemail")
                .group("Queue", "number", "name", "descr", "state")
                .group("Assignment", "assignmode", "defaultassignee")
                .group("Features", "sla", "use_sla", "use_messages", "use_appointments", "use_onhold")
                .group("Email", "inboundemail", "outboundemail")
                .labels("number", "Number", "name", "Name", "descr", "Description", "state", "State",
                        "assignmode", "Assignment", "defaultassignee", "Default assignee", "sla", "SLA (hours)",
                        "use_sla", "Use SLA", "use_messages", "Use messages", "use_appointments", "Use appointments",
                        "use_onhold", "Use On Hold", "inboundemail", "Inbound email", "outboundemail", "Outbound email")
                .codes("state", Code.list("0", "open", "1", "closed"))
                .codes("assignmode", Code.list("0", "none", "1", "fixed", "2", "round-robin"))
                .checks("use_sla", "use_messages", "use_appointments", "use_onhold");
    }

    private static TableOverlay ticket() {
        return TableOverlay.of(TICKET)
                .describe(r -> s(r, "subject"))
                .list("number", "subject", "account", "queue", "status", "priority", "entdate")
                .group("Ticket", "number", "subject", "queue", "account", "user", "status", "priority", "assignee")
                .group("Resolution", "issue", "resolution", "mergedinto")
                .group("SLA", "sladate", "slatime", "nextprioritydate", "nextprioritytime")
                .group(RECORD, RECORD_COLUMNS)
                .collapsed(RECORD)
                .labels(RECORD_LABELS)
                .labels("subject", "Subject", "queue", "Queue", "account", "Account", "user", "User", "status", "Status",
                        "priority", "Priority", "assignee", "Assignee", "issue", "Issue", "resolution", "Resolution",
                        "mergedinto", "Merged into", "sladate", "SLA date", "slatime", "SLA time",
                        "nextprioritydate", "Next priority date", "nextprioritytime", "Next priority time")
                .codes("status", Code.list("0", "Open", "1", "On Hold", "2", "Closed"))
                .reference("account", ACCOUNT)
                .reference("user", USER)
                .reference("mergedinto", TICKET)
                .lookup("queue", Lookup.QUEUE);
    }

    private static TableOverlay message() {
        return TableOverlay.of(MESSAGE)
                .describe(r -> s(r, "subject"))
                .list("number", "ticket", "source", "fromaddr", "subject", "entdate")
                .group("Message", "number", "ticket", "source", "customervisible", "fromaddr", "toaddr", "subject", "body")
                .group(RECORD, RECORD_COLUMNS)
                .collapsed(RECORD)
                .labels(RECORD_LABELS)
                .labels("ticket", "Ticket", "source", "Source", "customervisible", "Customer can see", "fromaddr", "From",
                        "toaddr", "To", "subject", "Subject", "body", "Body")
                .codes("source", Code.list("0", "staff", "1", "portal", "2", "email"))
                .checks("customervisible")
                .textAreas("body")
                .reference("ticket", TICKET);
    }

    private static TableOverlay datacall() {
        return TableOverlay.of(DATACALL)
                .describe(r -> s(r, "username") + " " + s(r, "startdate"))
                .list("number", "service", "username", "startdate", "starttime", "length", "userip")
                .group("Session", "number", "callnum", "service", "username", "startdate", "starttime", "enddate",
                        "endtime", "length", "delaytime", "status", "progress", "disconnect")
                .group("Network", "userip", "termip", "dnis", "callerid", "protocol", "port", "slot", "shelf")
                .group("Traffic", "baudup", "bauddown", "pktin", "pktout", "bytesin", "bytesout", "gigabytesin", "gigabytesout")
                .group("Multilink", "mlid", "mlnum", "expires", "job")
                .collapsed("Multilink")
                .labels("number", "Number", "callnum", "Session id", "service", "Service", "username", "Login",
                        "startdate", "Start date", "starttime", "Start time", "enddate", "End date", "endtime", "End time",
                        "length", "Length (s)", "delaytime", "Delay (s)", "status", "Status", "progress", "Progress",
                        "disconnect", "Disconnect cause", "userip", "Client IP", "termip", "NAS IP", "dnis", "Number dialled",
                        "callerid", "Caller id", "bytesin", "Bytes in", "bytesout", "Bytes out")
                .reference("service", SERVICE);
    }

    private static String s(Row r, String column) {
        Object v = r.get(column);
        return v == null ? "" : v.toString().trim();
    }

    private static String join(String a, String b) {
        return (a + " " + b).trim();
    }
}
