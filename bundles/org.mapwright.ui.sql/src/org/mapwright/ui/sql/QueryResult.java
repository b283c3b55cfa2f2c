package org.mapwright.ui.sql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one statement returned: a table of rows (at most the console's row cap) or an update count.
 * Rows grow while the query is fetched; {@link #rows()} is safe to read from the UI thread
 * meanwhile.
 */
public final class QueryResult {

    /** A result column: its label and the database's type name. */
    public record Column(String name, String type) {
    }

    private final List<Column> columns;
    private final List<Object[]> rows = Collections.synchronizedList(new ArrayList<>());
    private final int maxRows;
    private volatile boolean truncated;
    private volatile long updateCount = -1;
    private volatile Duration elapsed = Duration.ZERO;

    QueryResult(List<Column> columns, int maxRows) {
        this.columns = List.copyOf(columns);
        this.maxRows = maxRows;
    }

    /** @return the columns; empty for a statement without a result set */
    public List<Column> columns() {
        return columns;
    }

    /** @return the rows fetched so far, each value a Java object or null (synchronized list) */
    public List<Object[]> rows() {
        return rows;
    }

    public int rowCount() {
        return rows.size();
    }

    /** @return the row cap this result was fetched with */
    public int maxRows() {
        return maxRows;
    }

    /** @return whether the query had more rows than {@link #maxRows()} (only the first ones were fetched) */
    public boolean truncated() {
        return truncated;
    }

    /** @return the update count of a statement without a result set, else -1 */
    public long updateCount() {
        return updateCount;
    }

    public boolean hasResultSet() {
        return !columns.isEmpty();
    }

    public Duration elapsed() {
        return elapsed;
    }

    void add(Object[] row) {
        rows.add(row);
    }

    void finish(boolean wasTruncated, long count, Duration took) {
        truncated = wasTruncated;
        updateCount = count;
        elapsed = took;
    }

    /** @return e.g. {@code "first 1,000 rows shown (the query has more)"}, {@code "42 rows"}, {@code "3 rows updated"} */
    public String summary() {
        if (!hasResultSet()) {
            return (updateCount < 0 ? "statement executed" : updateCount + (updateCount == 1 ? " row" : " rows") + " affected")
                    + " in " + elapsed.toMillis() + " ms";
        }
        int n = rowCount();
        if (truncated) {
            return String.format("first %,d rows shown (the query returns more; refine it or raise the row limit)", n);
        }
        return String.format("%,d %s in %d ms", n, n == 1 ? "row" : "rows", elapsed.toMillis());
    }
}
