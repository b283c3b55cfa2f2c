package org.mapwright.internal.connector.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Collections;

/**
 * Turns a chain of {@link SQLException}s (causes and next-exceptions) into one line a user can
 * act on, with a hint for the usual connection problems, and removes secrets from it.
 */
public final class JdbcErrors {

    private static final int MAX_PARTS = 4;

    private JdbcErrors() {
    }

    /**
     * @param secrets values that must never appear in the result (passwords), replaced by
     *                {@code ****}
     * @return e.g. {@code "authentication failed: FATAL: password authentication failed for user
     *         "bob" [28P01]"}
     */
    public static String summary(Throwable error, Collection<String> secrets) {
        List<String> parts = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String state = null;
        collect(error, parts, seen);
        for (Throwable t = error; t != null && state == null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                state = s.getSQLState();
            }
        }
        String hint = hint(state);
        StringBuilder b = new StringBuilder();
        if (hint != null) {
            b.append(hint).append(": ");
        }
        b.append(String.join("; caused by: ", parts));
        if (state != null) {
            b.append(" [").append(state).append(']');
        }
        return redact(b.toString(), secrets);
    }

    /** The cause chain first, then the next-exceptions (batch failures list each failed row there). */
    private static void collect(Throwable error, List<String> parts, Set<Throwable> seen) {
        List<SQLException> next = new ArrayList<>();
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            String message = text.contains("\n") ? text.substring(0, text.indexOf('\n')).strip() : text;
            if (!message.isEmpty() && parts.size() < MAX_PARTS && parts.stream().noneMatch(p -> p.contains(message))) {
                parts.add(message);
            }
            if (t instanceof SQLException s && s.getNextException() != null) {
                next.add(s.getNextException());
            }
        }
        for (SQLException n : next) {
            collect(n, parts, seen);
        }
    }

    private static String hint(String state) {
        if (state == null) {
            return null;
        }
        if (state.startsWith("08")) {
            return "database unreachable";
        }
        if (state.startsWith("28")) {
            return "authentication failed (check the user and the password under the credential key)";
        }
        if (state.equals("3D000")) {
            return "database not found";
        }
        if (state.equals("42P01") || state.equals("42S02") || state.equals("42102")) {
            return "table not found";
        }
        if (state.equals("25006")) {
            return "the statement tried to write in a read-only transaction";
        }
        if (state.equals("57014")) {
            return "statement cancelled or timed out";
        }
        return null;
    }

    /** @return {@code text} with every secret replaced by {@code ****} */
    public static String redact(String text, Collection<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, "****");
            }
        }
        return out;
    }

    /**
     * @return {@code error} if no secret appears anywhere in its chain, else null, so a cause
     *         attached to an exception cannot leak a password through its message or toString
     */
    public static Throwable safeCause(Throwable error, Collection<String> secrets) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return leaks(error, secrets, seen) ? null : error;
    }

    private static boolean leaks(Throwable error, Collection<String> secrets, Set<Throwable> seen) {
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            String text = String.valueOf(t);
            for (String secret : secrets) {
                if (secret != null && !secret.isEmpty() && text.contains(secret)) {
                    return true;
                }
            }
            if (t instanceof SQLException s && s.getNextException() != null && leaks(s.getNextException(), secrets, seen)) {
                return true;
            }
        }
        return false;
    }
}
