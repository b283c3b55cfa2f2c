package org.mapwright.internal.connector.jdbc;

import java.sql.Driver;
import java.sql.SQLException;

import org.mapwright.connector.jdbc.ConnectionSpec;

/**
 * Supplies the JDBC driver for a validated connection. The seam through which every
 * connection is opened, so tests can prove that refused settings never reach a driver.
 */
@FunctionalInterface
public interface DriverFactory {

    /**
     * @return the driver for {@code spec.driver()}
     * @throws SQLException if the driver cannot be loaded (missing class, not a driver)
     */
    Driver driver(ConnectionSpec spec) throws SQLException;
}
