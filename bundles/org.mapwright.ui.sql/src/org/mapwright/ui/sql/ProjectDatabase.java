package org.mapwright.ui.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mapwright.connector.jdbc.ConnectionSpec;
import org.mapwright.connector.jdbc.JdbcConnector;
import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;

/**
 * A database the project defines: a {@code jdbc} source or the {@code jdbc} output of a mapping.
 * Holds the project's connection settings only; the URL is built and validated by
 * {@link JdbcUrls} and the password is looked up in the credential store when a query opens the
 * connection.
 *
 * @param label    what the user picks, e.g. {@code "H2 file /p/out/warehouse (output of customers)"}
 * @param settings the connection settings as the project holds them
 * @param folder   the project folder, which relative database paths resolve against
 * @param spec     the validated connection, or null when the settings are refused
 * @param problem  why the settings are refused, or null
 */
public record ProjectDatabase(String label, Settings settings, Path folder, ConnectionSpec spec, String problem) {

    public ProjectDatabase {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(settings, "settings");
        folder = folder.toAbsolutePath().normalize();
    }

    /**
     * Lists the databases of a project in project order: sources first, then mapping outputs. Two
     * elements that name the same database (same URL and user) are one entry whose label names
     * both.
     */
    public static List<ProjectDatabase> of(Project project, Path folder) {
        Map<String, Entry> byConnection = new LinkedHashMap<>();
        ConnectorContext context = ConnectorContext.of(folder);
        for (SourceDef s : project.sources()) {
            if (JdbcConnector.KIND.equals(s.connector())) {
                add(byConnection, context, s.settings(), "source " + s.name());
            }
        }
        for (MappingDef m : project.mappings()) {
            for (OutputDef o : m.outputs()) {
                if (JdbcConnector.KIND.equals(o.connector())) {
                    add(byConnection, context, o.settings(), "output of " + m.name());
                }
            }
        }
        List<ProjectDatabase> out = new ArrayList<>();
        for (Entry e : byConnection.values()) {
            String what = e.spec == null ? "refused connection settings" : e.spec.label();
            out.add(new ProjectDatabase(what + " (" + String.join(", ", e.roles) + ")", e.settings, folder, e.spec, e.problem));
        }
        return out;
    }

    private static void add(Map<String, Entry> byConnection, ConnectorContext context, Settings settings, String role) {
        ConnectionSpec spec = null;
        String problem = null;
        try {
            spec = JdbcUrls.build(context, settings);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        String key = spec == null ? "refused:" + role : spec.url() + "\u0000" + spec.user();
        byConnection.computeIfAbsent(key, k -> new Entry(settings)).set(role, spec, problem);
    }

    private static final class Entry {
        final Settings settings;
        final List<String> roles = new ArrayList<>();
        ConnectionSpec spec;
        String problem;

        Entry(Settings settings) {
            this.settings = settings;
        }

        void set(String role, ConnectionSpec s, String p) {
            roles.add(role);
            spec = s;
            problem = p;
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
