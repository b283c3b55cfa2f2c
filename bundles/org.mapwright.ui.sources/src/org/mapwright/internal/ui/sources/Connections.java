package org.mapwright.internal.ui.sources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mapwright.connector.jdbc.JdbcConnector;
import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;

/**
 * The distinct database connections a project uses, gathered from its JDBC sources and the JDBC
 * outputs of its mappings. Two uses of the same connection settings are one connection, labelled
 * with every use.
 */
public final class Connections {

    /** The settings that describe a connection (not which table is read or written). */
    public static final Set<String> KEYS = Set.of(JdbcUrls.DRIVER, JdbcUrls.PATH, JdbcUrls.CIPHER, JdbcUrls.FILE_CREDENTIAL_KEY, JdbcUrls.HOST,
            JdbcUrls.PORT, JdbcUrls.DATABASE, JdbcUrls.USER, JdbcUrls.CREDENTIAL_KEY, JdbcUrls.PROPERTIES, JdbcUrls.DRIVER_JAR,
            JdbcUrls.DRIVER_CLASS, JdbcUrls.URL);

    /**
     * A connection and where the project uses it.
     *
     * @param label    e.g. {@code "orders (source), load → warehouse (target)"}
     * @param settings connection settings only
     */
    public record Connection(String label, Settings settings) {
    }

    private Connections() {
    }

    /** @return the connection part of source or output settings */
    public static Settings connectionOf(Settings settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        settings.asMap().forEach((k, v) -> {
            if (KEYS.contains(k)) {
                out.put(k, v);
            }
        });
        return Settings.of(out);
    }

    /** @return the project's connections, in the order of first use (sources first) */
    public static List<Connection> of(Project p) {
        Map<Settings, List<String>> uses = new LinkedHashMap<>();
        for (SourceDef s : p.sources()) {
            if (JdbcConnector.KIND.equals(s.connector())) {
                uses.computeIfAbsent(connectionOf(s.settings()), k -> new ArrayList<>()).add(s.name() + " (source)");
            }
        }
        for (MappingDef m : p.mappings()) {
            for (OutputDef o : m.outputs()) {
                if (JdbcConnector.KIND.equals(o.connector())) {
                    uses.computeIfAbsent(connectionOf(o.settings()), k -> new ArrayList<>()).add(m.name() + " (target)");
                }
            }
        }
        List<Connection> out = new ArrayList<>();
        uses.forEach((settings, names) -> out.add(new Connection(String.join(", ", names), settings)));
        return out;
    }
}
