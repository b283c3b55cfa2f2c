package org.mapwright.internal.connector.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The tables of mode replace that live beside the target under {@code <table>__mw_<8 random
 * [a-z0-9]>}: the staging table the new rows go to and, on databases that commit every DDL
 * statement, the old table between the two renames of the swap.
 *
 * <p>A staging table carries a table comment (the marker) saying what it is: {@code
 * mapwright:staging} + newline + target while rows go in, {@code mapwright:complete} + newline +
 * target + newline + the old table's temporary name (may be empty) once every row is in. Only
 * tables with both the name pattern and a marker for the same target are ever dropped or
 * renamed by {@link #recover}, so a user's table that merely looks alike is left alone. On
 * databases without table comments nothing is marked and leftovers stay for the user to drop.
 */
final class Staging {

    private static final String PARTIAL = "mapwright:staging";
    private static final String COMPLETE = "mapwright:complete";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Staging() {
    }

    /** @return a fresh temporary name for a table beside {@code table} */
    static String newName(String table) {
        StringBuilder b = new StringBuilder(base(table)).append("__mw_");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static String base(String table) {
        return table.length() > 40 ? table.substring(0, 40) : table;
    }

    static String partial(String table) {
        return PARTIAL + "\n" + table;
    }

    static String complete(String table, String oldName) {
        return COMPLETE + "\n" + table + "\n" + (oldName == null ? "" : oldName);
    }

    /**
     * Sets the marker in its own transaction.
     *
     * @return false if the database has no table comments (the table stays unmarked)
     */
    static boolean mark(Session session, String schema, String table, String marker) {
        Connection c = session.connection();
        try (Statement st = c.createStatement()) {
            st.execute("COMMENT ON TABLE " + session.qualified(schema, table) + " IS " + literal(marker));
            c.commit();
            return true;
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // Nothing was changed by the failed comment.
            }
            return false;
        }
    }

    /** Clears the marker the renamed staging table brought along, without committing. */
    static void unmark(Session session, String schema, String table) throws SQLException {
        try (Statement st = session.connection().createStatement()) {
            st.execute("COMMENT ON TABLE " + session.qualified(schema, table) + " IS NULL");
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * Cleans up after runs that were killed while replacing {@code table}: drops partial staging
     * tables, drops complete ones whose swap never started (the target is still the old table),
     * finishes a swap stopped between its two renames (renames the complete table in and drops
     * the old one), and drops an old table and clears the marker a swap stopped after its renames
     * left. Failures are ignored: the leftovers only cost space and the run itself goes on.
     *
     * @param schema the target's schema as the database names it, null for the current one
     * @param table  the target's name as the database names it (or as it will be created)
     * @return whether the target table was changed (put in place)
     */
    static boolean recover(Session session, String schema, String table) {
        try {
            Map<String, String> marked = markedTables(session, schema, table);
            if (marked.isEmpty()) {
                return false;
            }
            Connection c = session.connection();
            boolean targetExists = marked.containsKey(table) || exists(session, schema, table);
            boolean changed = false;
            try (Statement st = c.createStatement()) {
                String targetMarker = marked.remove(table);
                if (targetMarker != null && targetMarker.startsWith(COMPLETE + "\n")) {
                    dropIfMarkedOrNamed(session, st, schema, table, oldName(targetMarker), marked);
                    unmark(session, schema, table);
                    c.commit();
                }
                for (Map.Entry<String, String> e : new ArrayList<>(marked.entrySet())) {
                    String name = e.getKey();
                    String marker = e.getValue();
                    if (marker.equals(complete(table, oldName(marker))) && !targetExists) {
                        st.execute("ALTER TABLE " + session.qualified(schema, name) + " RENAME TO " + session.quote(table));
                        c.commit();
                        unmark(session, schema, table);
                        c.commit();
                        targetExists = true;
                        changed = true;
                        dropIfMarkedOrNamed(session, st, schema, table, oldName(marker), marked);
                        c.commit();
                    } else if (marked.containsKey(name)) {
                        st.execute("DROP TABLE " + session.qualified(schema, name));
                        c.commit();
                    }
                    marked.remove(name);
                }
            }
            return changed;
        } catch (SQLException | IllegalArgumentException e) {
            try {
                session.connection().rollback();
            } catch (SQLException ignored) {
                // The connection is unusable; opening the writer reports that.
            }
            return false;
        }
    }

    /** Drops the old table a complete marker names: it has the name pattern, and the marker vouches for it. */
    private static void dropIfMarkedOrNamed(Session session, Statement st, String schema, String table, String old,
            Map<String, String> marked) throws SQLException {
        if (old.isEmpty() || !pattern(table).matcher(old).matches() || !exists(session, schema, old)) {
            return;
        }
        st.execute("DROP TABLE " + session.qualified(schema, old));
        marked.remove(old);
    }

    private static String oldName(String marker) {
        String[] parts = marker.split("\n", -1);
        return parts.length == 3 ? parts[2] : "";
    }

    private static Pattern pattern(String table) {
        return Pattern.compile(Pattern.quote(base(table)) + "__mw_[a-z0-9]{8}");
    }

    /** @return tables named like leftovers of {@code table}, and the target itself, whose comment is a marker for {@code table} */
    private static Map<String, String> markedTables(Session session, String schema, String table) throws SQLException {
        Pattern names = pattern(table);
        Map<String, String> out = new LinkedHashMap<>();
        List<String[]> rows = new ArrayList<>();
        try (ResultSet rs = session.connection().getMetaData().getTables(null, schema, "%", new String[] { "TABLE", "BASE TABLE" })) {
            while (rs.next()) {
                rows.add(new String[] { rs.getString("TABLE_NAME"), rs.getString("REMARKS") });
            }
        }
        for (String[] row : rows) {
            String name = row[0];
            String remark = row[1];
            if (remark == null || !(name.equals(table) || names.matcher(name).matches())) {
                continue;
            }
            if (remark.equals(partial(table)) || remark.startsWith(COMPLETE + "\n" + table + "\n") && remark.split("\n", -1).length == 3) {
                out.put(name, remark);
            }
        }
        return out;
    }

    private static boolean exists(Session session, String schema, String table) throws SQLException {
        try (ResultSet rs = session.connection().getMetaData().getTables(null, schema, "%", null)) {
            while (rs.next()) {
                if (table.equals(rs.getString("TABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
