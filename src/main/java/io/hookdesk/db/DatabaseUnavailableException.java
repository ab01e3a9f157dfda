package io.hookdesk.db;

/** The database could not be started or reached; the message says why and what to do instead. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
