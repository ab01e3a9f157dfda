package io.hookdesk.ui.connect;

import io.hookdesk.records.RecordService;
import io.hookdesk.save.SaveService;
import io.hookdesk.save.StateCascade;

import java.util.Map;

/**
 * An open database and the CSR working on it: what every view model reads from and saves through.
 * Built by the composition root ({@code app}), handed down by constructor, closed when the CSR connects elsewhere
 * or quits.
 *
 * @param databaseDescription where the data is, for the status bar (never a password)
 * @param csr                 the name the CSR gave, a label recorded in the audit beside the database login (HOOK_CSR is
 *                            {@link SaveService#identity()})
 * @param supervisor          whether the database user may reveal stored secrets (member of {@code hookdesk_supervisor})
 * @param closer              releases the database (pool, embedded server)
 */
public record Session(RecordService records, SaveService saves, String databaseDescription, String csr,
                      boolean supervisor, AutoCloseable closer) implements AutoCloseable {

    /** Account-wide actions over this session's save path (an account's or user's state change with all under it). */
    public StateCascade cascades() {
        return new StateCascade(saves);
    }

    /** Where hooks run, for the status bar: the hooks directory, and the account or host when not this workstation. */
    public String hooksDirectory() {
        return saves.hooksPlace();
    }

    /** The client environment the save path passes on to hooks; the preview passes the same map. */
    public Map<String, String> clientEnv() {
        return saves.clientEnv();
    }

    @Override
    public void close() throws Exception {
        if (closer != null) {
            closer.close();
        }
    }
}
