package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.mapwright.connector.jdbc.ConnectionSpec;
import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.internal.connector.jdbc.SourceSpec;

/**
 * Reads a database table or query with Spark's JDBC source, from the same structured settings as
 * the local JDBC connector (the URL is built by {@link JdbcUrls}, never taken as typed) and the
 * password from the credential store. Secrets go only into the reader's options, never into a
 * message: a failure names the connection's label.
 */
final class JdbcSources {

    private final SparkSession spark;
    private final Path projectDirectory;
    private final CredentialStore credentials;

    /** @param projectDirectory what relative database paths (H2 files) are relative to, as for the local engine */
    JdbcSources(SparkSession spark, Path projectDirectory, CredentialStore credentials) {
        this.spark = spark;
        this.projectDirectory = projectDirectory;
        this.credentials = credentials;
    }

    SourceFrame read(SourceDef source) throws DataException {
        ConnectionSpec spec;
        SourceSpec query;
        try {
            spec = JdbcUrls.build(new ConnectorContext(projectDirectory, credentials, null), source.settings());
            query = SourceSpec.parse(source.settings());
        } catch (IllegalArgumentException e) {
            throw new DataException(DataLocation.of(source.name()), e.getMessage());
        }
        if (spec.driverJar() != null) {
            throw new DataException(DataLocation.of(source.name()),
                    "the Spark engine reads only databases whose driver it ships (H2, PostgreSQL), not " + spec.label());
        }
        Map<String, String> options = new HashMap<>(spec.properties());
        options.put("url", spec.url());
        options.put("dbtable", query.query() != null ? "(" + query.query() + ") mapwright_query"
                : query.schema() == null ? query.table() : query.schema() + "." + query.table());
        options.put("fetchsize", Integer.toString(query.fetchSize()));
        options.put("driver", JdbcUrls.H2.equals(spec.driver()) ? "org.h2.Driver" : "org.postgresql.Driver");
        if (spec.user() != null) {
            options.put("user", spec.user());
        }
        String password = secret(spec.credentialKey(), "password", spec);
        if (spec.fileCredentialKey() != null) {
            password = secret(spec.fileCredentialKey(), "file password", spec) + " " + (password == null ? "" : password);
        }
        if (password != null) {
            options.put("password", password);
        }
        if (JdbcUrls.H2.equals(spec.driver())) {
            options.put("IFEXISTS", "TRUE");
        }
        Dataset<Row> df;
        try {
            df = spark.read().format("jdbc").options(options).load();
        } catch (RuntimeException e) {
            throw new DataException(DataLocation.of(query.label()), "cannot read " + query.label() + " from " + spec.label()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        df = df.withColumn(SourceFrame.RID, monotonically_increasing_id());
        List<Column> raws = new ArrayList<>();
        for (Field f : source.schema().fields()) {
            String column = column(df, f.name(), query.label(), spec);
            raws.add(col("`" + column + "`").cast(DataTypes.StringType));
            if (f.isRecord() || f.repeated()) {
                throw new DataException(DataLocation.of(query.label()), "field '" + f.name() + "' is a "
                        + (f.isRecord() ? "record" : "list") + ", which a database column cannot hold");
            }
        }
        return new Sources(spark, projectDirectory, credentials, false).frame(source, df, raws, lit(false), Cols.nullOf(DataType.TEXT),
                Cols.nullOf(DataType.TEXT), Cols.nullOf(DataType.TEXT), query.label(), -1, -1);
    }

    private static String column(Dataset<Row> df, String name, String label, ConnectionSpec spec) throws DataException {
        String found = null;
        for (StructField f : df.schema().fields()) {
            if (f.name().equals(name)) {
                return f.name();
            }
            if (f.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                found = f.name();
            }
        }
        if (found == null) {
            List<String> names = new ArrayList<>();
            for (StructField f : df.schema().fields()) {
                names.add(f.name());
            }
            throw new DataException(new DataLocation(label, -1, -1, name), "column '" + name + "' is not in " + label + " of "
                    + spec.label() + "; available columns: " + String.join(", ", names));
        }
        return found;
    }

    private String secret(String key, String what, ConnectionSpec spec) throws DataException {
        if (key == null) {
            return null;
        }
        Optional<String> s = credentials.secret(key);
        if (s.isEmpty()) {
            throw new DataException(DataLocation.of(spec.label()), "no " + what + " stored under credential key '" + key + "' for "
                    + spec.label());
        }
        return s.get();
    }
}
