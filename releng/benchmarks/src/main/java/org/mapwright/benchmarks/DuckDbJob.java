package org.mapwright.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The standard job as one DuckDB statement over JDBC ({@code COPY (SELECT ...) TO ...}), with the
 * column types given (as Mapwright's project gives them) so DuckDB does not sniff. DuckDB uses
 * every core; Mapwright's reader and transform use two threads.
 */
final class DuckDbJob {

    private DuckDbJob() {
    }

    record Counts(long read, long written) {
    }

    static String sql(Path folder, Path output) {
        String customers = literal(folder.resolve(StandardJob.CUSTOMERS));
        String countries = literal(folder.resolve(StandardJob.COUNTRIES));
        return "COPY (SELECT c.id,\n"
                + "  trim(c.first) || ' ' || upper(trim(c.last)) AS name,\n"
                + "  lower(c.email) AS email,\n"
                + "  coalesce(k.name, 'Unknown') AS country,\n"
                + "  coalesce(k.region, 'Unknown') AS region,\n"
                + "  c.signup,\n"
                + "  CAST(strptime(c.birth, '%d/%m/%Y') AS DATE) AS birth,\n"
                + "  CAST(round(c.amount * c.quantity, 2) AS DECIMAL(18, 2)) AS total,\n"
                + "  CASE c.status WHEN 'A' THEN 'active' WHEN 'S' THEN 'suspended' WHEN 'C' THEN 'closed' ELSE 'unknown' END AS status\n"
                + " FROM read_csv(" + customers + ", header = true, delim = ',', quote = '\"', escape = '\"', auto_detect = false,\n"
                + "   columns = {'id': 'BIGINT', 'first': 'VARCHAR', 'last': 'VARCHAR', 'email': 'VARCHAR', 'country_code': 'VARCHAR',\n"
                + "              'signup': 'DATE', 'birth': 'VARCHAR', 'amount': 'DECIMAL(12, 3)', 'quantity': 'BIGINT',\n"
                + "              'status': 'VARCHAR', 'notes': 'VARCHAR', 'city': 'VARCHAR'}) c\n"
                + " LEFT JOIN read_csv(" + countries + ", header = true, delim = ',', quote = '\"', escape = '\"', auto_detect = false,\n"
                + "   columns = {'code': 'VARCHAR', 'name': 'VARCHAR', 'region': 'VARCHAR'}) k ON c.country_code = k.code\n"
                + " WHERE c.quantity > 0)\n"
                + "TO " + literal(output) + " (FORMAT csv, HEADER, DELIMITER ',')";
    }

    static Counts run(Path folder, Path output) throws IOException, SQLException {
        Files.createDirectories(output.toAbsolutePath().getParent());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            long written = -1;
            if (s.execute(sql(folder, output))) {
                try (ResultSet rs = s.getResultSet()) {
                    written = rs.next() ? rs.getLong(1) : -1;
                }
            } else {
                written = s.getUpdateCount();
            }
            return new Counts(-1, written);
        }
    }

    private static String literal(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
