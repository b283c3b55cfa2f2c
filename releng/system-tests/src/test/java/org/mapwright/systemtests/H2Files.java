package org.mapwright.systemtests;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads H2 database files that a run of the command line wrote. */
public final class H2Files {

    private H2Files() {
    }

    /** What one table holds. */
    public record TableState(boolean exists, long rows, long distinctKeys, List<String> otherTables) {
    }

    /** Opens an existing H2 file (path without {@code .mv.db}); never creates one. */
    public static Connection open(Path database, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("IFEXISTS", "TRUE");
        return DriverManager.getConnection("jdbc:h2:file:" + database.toAbsolutePath(), p);
    }

    /**
     * @return whether {@code table} exists, its row count, its distinct values of {@code key}, and
     *         the names of the other tables in the database
     */
    public static TableState table(Path database, String table, String key) throws SQLException {
        try (Connection c = open(database, "sa", "")) {
            List<String> tables = new ArrayList<>();
            boolean exists = false;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name.equals(table)) {
                        exists = true;
                    } else {
                        tables.add(name);
                    }
                }
            }
            if (!exists) {
                return new TableState(false, 0, 0, tables);
            }
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COUNT(DISTINCT \"" + key + "\") FROM \"" + table + "\"");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return new TableState(true, rs.getLong(1), rs.getLong(2), tables);
            }
        }
    }
}
