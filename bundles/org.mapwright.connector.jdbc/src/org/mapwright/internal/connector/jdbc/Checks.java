package org.mapwright.internal.connector.jdbc;

import java.util.List;
import java.util.Locale;

/**
 * Checks for text that ends up in a JDBC URL, a driver property or an identifier. Refusals say
 * which setting is wrong and why, and are thrown before any driver is loaded.
 */
public final class Checks {

    /**
     * Fragments that can make H2 (or another driver) run SQL, load classes or reach out over
     * JNDI when they reach a URL or property. None has a legitimate use in a Mapwright setting,
     * so every connection field is checked for them even where the field could not carry them
     * into the URL: a refusal is clearer than relying on the next layer.
     */
    private static final List<String> FORBIDDEN_FRAGMENTS = List.of("init=", "runscript", "create alias",
            "create trigger", "javascript", "jndi", "ldap://", "ldaps://", "rmi://");

    private Checks() {
    }

    /**
     * @throws IllegalArgumentException if {@code value} holds control or invisible formatting
     *         characters or a forbidden fragment
     */
    public static String plainText(String key, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                throw new IllegalArgumentException("setting '" + key + "' contains the control character U+"
                        + String.format(Locale.ROOT, "%04X", (int) c));
            }
        }
        if (value.length() > 4096) {
            throw new IllegalArgumentException("setting '" + key + "' is longer than 4096 characters");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String fragment : FORBIDDEN_FRAGMENTS) {
            if (lower.contains(fragment)) {
                throw new IllegalArgumentException("setting '" + key + "' contains '" + fragment.trim()
                        + "', which could make the driver run code; it is refused");
            }
        }
        return value;
    }

    /** @throws IllegalArgumentException if {@code value} contains any of {@code chars} */
    public static void noneOf(String key, String value, String chars, String why) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (chars.indexOf(c) >= 0 || (chars.indexOf(' ') >= 0 && Character.isWhitespace(c))) {
                throw new IllegalArgumentException("setting '" + key + "' must not contain "
                        + (Character.isWhitespace(c) ? "whitespace" : "'" + c + "'") + " (" + why + ")");
            }
        }
    }

    /**
     * @param what names the value in the message, e.g. {@code "setting 'table'"}
     * @return a table, schema or column name checked for control characters
     */
    public static String identifier(String what, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                throw new IllegalArgumentException(what + " contains the control character U+" + String.format(Locale.ROOT, "%04X", (int) c));
            }
        }
        if (value.length() > 256) {
            throw new IllegalArgumentException(what + " is longer than 256 characters");
        }
        return value;
    }
}
