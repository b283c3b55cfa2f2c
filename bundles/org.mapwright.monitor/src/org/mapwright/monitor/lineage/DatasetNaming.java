package org.mapwright.monitor.lineage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mapwright.connector.jdbc.ConnectionSpec;
import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;

/**
 * Names sources and outputs as OpenLineage datasets, following the OpenLineage naming
 * conventions: local files are namespace {@code file} with the absolute path as name; PostgreSQL
 * tables are {@code postgres://host:port} and {@code database.schema.table}; tables of an
 * embedded H2 file are namespace {@code file} and {@code <file>.mv.db/<schema>.<table>}; other
 * JDBC databases use the URL's scheme and authority. Does no I/O and needs no password.
 */
public final class DatasetNaming {

    private static final Pattern SERVER_URL = Pattern.compile("jdbc:([A-Za-z0-9+.\\-]+)://([^/?;#]+).*");
    private static final Pattern POSTGRES_URL = Pattern.compile("jdbc:postgresql://([^/]+)/(.+)");

    private final ConnectorContext sources;
    private final ConnectorContext outputs;

    /**
     * @param projectFolder   relative source paths resolve against it
     * @param outputDirectory relative output paths resolve against it (a run's {@code --output}),
     *                        or null for the project folder
     */
    public DatasetNaming(Path projectFolder, Path outputDirectory) {
        this.sources = ConnectorContext.of(projectFolder);
        this.outputs = ConnectorContext.of(outputDirectory == null ? projectFolder : outputDirectory);
    }

    /** @return the dataset a source reads */
    public DatasetId source(SourceDef s) {
        return name(s.connector(), s.settings(), sources, s.name());
    }

    /** @return the dataset an output writes */
    public DatasetId output(OutputDef o) {
        return name(o.connector(), o.settings(), outputs, o.id());
    }

    private static DatasetId name(String connector, Settings settings, ConnectorContext context, String fallback) {
        if ("jdbc".equals(connector)) {
            return jdbc(settings, context, fallback);
        }
        String path = settings.getString("path", null);
        if (path != null && !path.isBlank()) {
            return file(context.resolve(path.trim()));
        }
        return new DatasetId("mapwright", fallback, "urn:mapwright:" + connector.toLowerCase(Locale.ROOT));
    }

    private static DatasetId file(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return new DatasetId("file", slashes(abs), abs.toUri().toString());
    }

    private static DatasetId jdbc(Settings settings, ConnectorContext context, String fallback) {
        ConnectionSpec spec;
        try {
            spec = JdbcUrls.build(context, settings);
        } catch (IllegalArgumentException e) {
            return new DatasetId("mapwright", fallback, "urn:mapwright:jdbc");
        }
        String schema = blankToNull(settings.getString("schema", null));
        String table = blankToNull(settings.getString("table", null));
        String query = blankToNull(settings.getString("query", null));
        String object = table != null ? table : "query_" + shortHash(query == null ? "" : query);
        if (JdbcUrls.H2.equals(spec.driver())) {
            Path file = Path.of(spec.url().substring("jdbc:h2:file:".length()).replaceFirst(";.*$", "") + ".mv.db");
            DatasetId f = file(file);
            return new DatasetId("file", f.name() + "/" + (schema == null ? "PUBLIC" : schema) + "." + object, f.uri());
        }
        Matcher pg = POSTGRES_URL.matcher(spec.url());
        if (JdbcUrls.POSTGRESQL.equals(spec.driver()) && pg.matches()) {
            String namespace = "postgres://" + pg.group(1);
            String database = URLDecoder.decode(pg.group(2), StandardCharsets.UTF_8);
            return new DatasetId(namespace, database + "." + (schema == null ? "public" : schema) + "." + object,
                    namespace + "/" + pg.group(2));
        }
        Matcher server = SERVER_URL.matcher(spec.url());
        if (server.matches()) {
            String namespace = server.group(1).toLowerCase(Locale.ROOT) + "://" + server.group(2);
            return new DatasetId(namespace, (schema == null ? "" : schema + ".") + object, namespace);
        }
        return new DatasetId("jdbc", (schema == null ? "" : schema + ".") + object, "urn:mapwright:jdbc");
    }

    private static String slashes(Path p) {
        String s = p.toString().replace('\\', '/');
        return s.startsWith("/") ? s : "/" + s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String shortHash(String text) {
        return Integer.toHexString(text.hashCode() & 0x7fffffff);
    }
}
