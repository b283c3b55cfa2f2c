package org.mapwright.runtime;

import java.util.List;

import org.mapwright.connector.csv.CsvConnector;
import org.mapwright.connector.csv.CsvTargetConnector;
import org.mapwright.connector.excel.ExcelConnector;
import org.mapwright.connector.excel.ExcelTargetConnector;
import org.mapwright.connector.jdbc.JdbcConnector;
import org.mapwright.connector.json.JsonConnector;
import org.mapwright.connector.json.JsonTargetConnector;
import org.mapwright.core.connector.ConnectorRegistry;

/**
 * The connectors of a headless Mapwright: CSV, JSON and Excel files and JDBC databases (H2,
 * PostgreSQL, generic drivers), each as source and target.
 * Every call builds a new registry (connectors are stateless; no instance is shared through a
 * static).
 */
public final class StandardConnectors {

    private StandardConnectors() {
    }

    /**
     * @return a registry with the source and target connectors of kinds {@code csv}, {@code json},
     *         {@code excel} and {@code jdbc}
     */
    public static ConnectorRegistry registry() {
        JdbcConnector jdbc = new JdbcConnector();
        return new ConnectorRegistry(
                List.of(new CsvConnector(), new JsonConnector(), new ExcelConnector(), jdbc),
                List.of(new CsvTargetConnector(), new JsonTargetConnector(), new ExcelTargetConnector(), jdbc.target()));
    }
}
