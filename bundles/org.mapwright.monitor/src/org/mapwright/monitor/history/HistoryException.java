package org.mapwright.monitor.history;

/**
 * A run history store could not be used: its settings are wrong, its database cannot be reached
 * or was created by a newer Mapwright, or a write failed. The message is meant for the user: it
 * names the store and never contains a password.
 */
public class HistoryException extends Exception {

    private static final long serialVersionUID = 1L;

    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
