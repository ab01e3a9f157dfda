package io.hookdesk.db.schema;

import io.hookdesk.db.DatabaseUnavailableException;

/**
 * HookDesk's schema in the database is older than this HookDesk, and the connected login may not migrate it (a CSR's
 * login): only an administrator's {@code hookdesk db migrate} can help. Nothing was changed.
 */
public final class SchemaOutOfDateException extends DatabaseUnavailableException {

    public SchemaOutOfDateException(String message, Throwable cause) {
        super(message, cause);
    }
}
