package org.mapwright.ui.sql;

/**
 * A query that could not run: refused connection settings, a missing secret, a failed
 * connection, or the database's own error. The message is for the user, names the connection and
 * carries the database's message and SQL state; it never contains a password.
 */
public final class QueryException extends Exception {

    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }
}
