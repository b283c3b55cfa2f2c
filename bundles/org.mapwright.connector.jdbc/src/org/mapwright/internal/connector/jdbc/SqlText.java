package org.mapwright.internal.connector.jdbc;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the SQL of a query source: one statement that only reads. The text is scanned like the
 * databases scan it (string literals, quoted identifiers, {@code --} and nested block comments,
 * PostgreSQL dollar quotes and escape strings), so keywords hidden in literals do not count and
 * statements hidden behind comments do. The read-only transaction the reader runs in is the
 * second line of defence where the driver supports one (PostgreSQL); H2 has none, so functions
 * that write or read files or reach other databases are refused here.
 */
public final class SqlText {

    private static final Set<String> FIRST = Set.of("SELECT", "WITH", "VALUES", "TABLE");

    private static final Map<String, String> FORBIDDEN = Map.ofEntries(
            Map.entry("INSERT", "modifies data"), Map.entry("UPDATE", "modifies or locks data"),
            Map.entry("DELETE", "modifies data"), Map.entry("MERGE", "modifies data"),
            Map.entry("UPSERT", "modifies data"), Map.entry("TRUNCATE", "modifies data"),
            Map.entry("INTO", "creates a table (SELECT INTO)"), Map.entry("DROP", "changes the schema"),
            Map.entry("CREATE", "changes the schema"), Map.entry("ALTER", "changes the schema"),
            Map.entry("GRANT", "changes permissions"), Map.entry("REVOKE", "changes permissions"),
            Map.entry("COPY", "reads or writes files"), Map.entry("CALL", "runs a procedure"),
            Map.entry("EXECUTE", "runs a prepared statement"),
            Map.entry("FILE_WRITE", "writes files"), Map.entry("FILE_READ", "reads files"),
            Map.entry("CSVWRITE", "writes files"), Map.entry("CSVREAD", "reads files"),
            Map.entry("LINK_SCHEMA", "connects to other databases"),
            Map.entry("LO_IMPORT", "reads files"), Map.entry("LO_EXPORT", "writes files"),
            Map.entry("PG_READ_FILE", "reads files"), Map.entry("PG_READ_BINARY_FILE", "reads files"),
            Map.entry("PG_LS_DIR", "lists server folders"), Map.entry("DBLINK", "connects to other databases"),
            Map.entry("DBLINK_EXEC", "connects to other databases"), Map.entry("SET_CONFIG", "changes server settings"),
            Map.entry("SETVAL", "modifies a sequence"), Map.entry("NEXTVAL", "modifies a sequence"),
            Map.entry("PG_TERMINATE_BACKEND", "stops other sessions"), Map.entry("PG_CANCEL_BACKEND", "stops other sessions"),
            Map.entry("PG_RELOAD_CONF", "changes server settings"));

    private SqlText() {
    }

    /**
     * @return the query without trailing semicolons and blanks
     * @throws IllegalArgumentException if it is empty, not a SELECT (or WITH/VALUES/TABLE),
     *         holds more than one statement, an unclosed literal or comment, or a keyword or
     *         function that writes, reads files or reaches other databases
     */
    public static String checkSelect(String sql) {
        int n = sql.length();
        int i = 0;
        String first = null;
        int statementEnd = -1;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = blockCommentEnd(sql, i);
            } else if (c == '\'') {
                i = quotedEnd(sql, i, '\'', false);
            } else if (c == '"') {
                i = quotedEnd(sql, i, '"', false);
            } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'' && !identifierBefore(sql, i)) {
                i = quotedEnd(sql, i + 1, '\'', true);
            } else if (c == '$' && !identifierBefore(sql, i) && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int close = sql.indexOf(tag, i + tag.length());
                if (close < 0) {
                    throw new IllegalArgumentException("the query has an unclosed " + tag + " quote");
                }
                i = close + tag.length();
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                String word = sql.substring(start, i).toUpperCase(Locale.ROOT);
                if (statementEnd >= 0) {
                    throw new IllegalArgumentException("the query holds more than one statement; give a single SELECT");
                }
                if (first == null) {
                    first = word;
                    if (!FIRST.contains(word)) {
                        throw new IllegalArgumentException("a query source must be a SELECT, not " + word);
                    }
                }
                String why = FORBIDDEN.get(word);
                if (why != null) {
                    throw new IllegalArgumentException("the query uses " + word + ", which " + why + "; a query source may only read");
                }
            } else if (c == ';') {
                if (statementEnd < 0) {
                    statementEnd = i;
                }
                i++;
            } else {
                if (statementEnd >= 0) {
                    throw new IllegalArgumentException("the query holds more than one statement; give a single SELECT");
                }
                i++;
            }
        }
        if (first == null) {
            throw new IllegalArgumentException("the query is empty");
        }
        return (statementEnd < 0 ? sql : sql.substring(0, statementEnd)).strip();
    }

    private static int blockCommentEnd(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("the query has an unclosed /* comment");
    }

    private static int quotedEnd(String sql, int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("the query has an unclosed " + quote + " quote");
    }

    private static boolean identifierBefore(String sql, int i) {
        if (i == 0) {
            return false;
        }
        char p = sql.charAt(i - 1);
        return Character.isLetterOrDigit(p) || p == '_' || p == '$';
    }

    /** @return {@code $tag$} starting at {@code i}, or null ({@code $1} is a parameter, not a quote) */
    private static String dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_'
                || (j > i + 1 && Character.isDigit(sql.charAt(j))))) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? sql.substring(i, j + 1) : null;
    }
}
