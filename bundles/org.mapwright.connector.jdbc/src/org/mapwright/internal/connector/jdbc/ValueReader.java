package org.mapwright.internal.connector.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of the current row as a Mapwright value; chosen once per column, run per row. */
@FunctionalInterface
public interface ValueReader {

    /** @return null, a value of the field's Java type, or text the engine parses */
    Object read(ResultSet rs, int column) throws SQLException;
}
