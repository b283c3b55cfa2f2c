package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.infer.ColumnNames;
import org.mapwright.internal.connector.csv.CsvSettings;
import org.mapwright.internal.connector.json.JsonFormat;
import org.mapwright.internal.connector.json.SourceOptions;

/**
 * Reads sources with Spark's own readers, splittable where the format allows, and coerces their
 * values into the fields' types as the local engine does. A {@link SourceFrame} has one row per
 * record (bad records included) in source order.
 */
public final class Sources {

    /** Spark's name for the text of a record its parser could not read. */
    static final String CORRUPT = "__corrupt";
    /** Stands for an empty quoted CSV value, which is text, where an empty unquoted value is null. */
    private static final String EMPTY = "\uFDD0";

    private final SparkSession spark;
    private final Path projectDirectory;
    private final CredentialStore credentials;
    private final boolean csvMultiLine;

    /**
     * @param csvMultiLine whether CSV values may span lines (then a file is read by one task)
     */
    public Sources(SparkSession spark, Path projectDirectory, CredentialStore credentials, boolean csvMultiLine) {
        this.spark = spark;
        this.projectDirectory = projectDirectory;
        this.credentials = credentials;
        this.csvMultiLine = csvMultiLine;
    }

    /**
     * @return the records of a source, coerced
     * @throws DataException when the source cannot be read or lacks a field
     */
    public SourceFrame read(SourceDef source) throws DataException {
        switch (source.connector()) {
            case "csv":
                return csv(source);
            case "json":
                return json(source);
            case "jdbc":
                return new JdbcSources(spark, projectDirectory, credentials).read(source);
            default:
                throw new DataException(DataLocation.of(source.name()), "the Spark engine cannot read " + source.connector() + " sources");
        }
    }

    /** @return a path as Spark reads it: URIs as written, other paths against the project folder */
    public static String location(Path base, String path) {
        if (path.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") || path.matches("^[A-Za-z][A-Za-z0-9+.-]*:/.*") && !path.matches("^[A-Za-z]:[/\\\\].*")) {
            return path;
        }
        // a file: path as written, not a URI: Hadoop escapes it itself (a %20 would be taken literally)
        return "file:" + base.resolve(path).toAbsolutePath().normalize();
    }

    private long size(String location) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.getContentSummary(p).getLength();
        } catch (IOException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------ CSV

    private SourceFrame csv(SourceDef source) throws DataException {
        CsvSettings cs;
        try {
            cs = CsvSettings.parse(source.settings());
        } catch (IllegalArgumentException e) {
            throw new DataException(DataLocation.of(source.name()), e.getMessage());
        }
        String label = cs.path();
        String location = location(projectDirectory, label);
        char delimiter = cs.delimiter() == null ? ',' : cs.delimiter();
        Character quote = cs.quoteSet() ? cs.quote() : Character.valueOf('"');
        boolean header = cs.header() == null || cs.header();
        Map<String, String> options = new HashMap<>();
        options.put("sep", String.valueOf(delimiter));
        options.put("quote", quote == null ? "\u0000" : String.valueOf(quote));
        options.put("escape", cs.escape() != null ? String.valueOf(cs.escape()) : quote == null ? "\\" : String.valueOf(quote));
        options.put("encoding", (cs.encoding() == null ? StandardCharsets.UTF_8 : cs.encoding()).name());
        options.put("nullValue", cs.nullValue() == null ? "" : cs.nullValue());
        options.put("emptyValue", EMPTY);
        options.put("mode", "PERMISSIVE");
        options.put("columnNameOfCorruptRecord", CORRUPT);
        options.put("multiLine", Boolean.toString(csvMultiLine));
        options.put("ignoreLeadingWhiteSpace", "false");
        options.put("ignoreTrailingWhiteSpace", "false");
        options.put("enforceSchema", "true");
        options.put("inferSchema", "false");
        if (size(location) < 0) {
            throw new DataException(DataLocation.of(label), "cannot read the file: " + location + " does not exist");
        }
        List<Row> first = spark.read().options(options).option("header", "false").csv(location).limit(1).collectAsList();
        List<String> names = new ArrayList<>();
        List<String> headerCells = new ArrayList<>();
        if (!first.isEmpty()) {
            Row r = first.get(0);
            for (int i = 0; i < r.size(); i++) {
                String cell = header ? unmark(r.getString(i)) : null;
                headerCells.add(i == 0 && cell != null && cell.startsWith("\uFEFF") ? cell.substring(1) : cell);
            }
            names = ColumnNames.normalize(headerCells);
        }
        List<Field> fields = source.schema().fields();
        int[] columns = columns(fields, names, label, header, first.isEmpty());
        // Spark checks the header against the schema's names: the header's own cells when they can be names
        List<String> schemaNames = new ArrayList<>();
        java.util.Set<String> distinct = new java.util.HashSet<>(headerCells);
        boolean usable = header && distinct.size() == headerCells.size() && !distinct.contains(CORRUPT) && !distinct.contains(null)
                && !distinct.contains("");
        for (int i = 0; i < names.size(); i++) {
            schemaNames.add(usable ? headerCells.get(i) : "_c" + i);
        }
        List<StructField> all = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            all.add(DataTypes.createStructField(schemaNames.get(i), DataTypes.StringType, true));
        }
        all.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
        Dataset<Row> df = first.isEmpty() ? spark.createDataFrame(List.of(), DataTypes.createStructType(all))
                : spark.read().options(options).option("header", Boolean.toString(header)).schema(DataTypes.createStructType(all)).csv(location);
        df = df.withColumn(SourceFrame.RID, monotonically_increasing_id());

        Column corrupt = col(CORRUPT);
        Column diagnosis = functions.udf(new CsvDiagnosis(delimiter, quote, names, header), CsvDiagnosis.resultType())
                .apply(names.isEmpty() ? corrupt : withData(corrupt, column(schemaNames.get(0))));
        Column bad = corrupt.isNotNull();
        if (cs.padShortRecords()) {
            bad = bad.and(not(diagnosis.getField("unclosed").equalTo(false).and(diagnosis.getField("fields").lt(names.size()))));
        }
        List<Column> raws = new ArrayList<>();
        for (int j = 0; j < fields.size(); j++) {
            raws.add(columns[j] < 0 ? Cols.nullOf(DataType.TEXT) : unmark(column(schemaNames.get(columns[j]))));
        }
        long offset = csvMultiLine ? -1 : (header ? 1 : 0) + cs.skipLines();
        return frame(source, df, raws, bad, when(bad, diagnosis.getField("reason")), when(bad, diagnosis.getField("field")),
                when(bad, corrupt), label, size(location), offset);
    }

    /**
     * @return the value, made to read a data column as well: Spark refuses a query on a raw file
     *         that reads only the column of unreadable records
     */
    static Column withData(Column value, Column data) {
        return concat(value, functions.substring(functions.coalesce(data.cast(DataTypes.StringType), lit("")), 1, 0));
    }

    /** @return the column of a name taken as it is (a dot is not a path) */
    private static Column column(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    private static String unmark(String cell) {
        return cell == null ? null : cell.equals(EMPTY) ? "" : cell;
    }

    private static Column unmark(Column c) {
        return when(c.equalTo(EMPTY), lit("")).otherwise(c);
    }

    /** @return per field the index of its column, as the local reader matches names (exact, else ignoring case) */
    private static int[] columns(List<Field> fields, List<String> names, String label, boolean header, boolean empty)
            throws DataException {
        int[] cols = new int[fields.size()];
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < cols.length; j++) {
            String name = fields.get(j).name();
            int index = names.indexOf(name);
            if (index < 0) {
                String folded = name.toLowerCase(Locale.ROOT);
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i).toLowerCase(Locale.ROOT).equals(folded)) {
                        index = index == -1 ? i : -2;
                    }
                }
            }
            if (index < 0 && !empty) {
                missing.add(name);
            }
            cols[j] = index < 0 ? -1 : index;
        }
        if (!missing.isEmpty()) {
            throw new DataException(new DataLocation(label, -1, -1, missing.get(0)),
                    (missing.size() == 1 ? "column '" + missing.get(0) + "' is" : "columns '" + String.join("', '", missing) + "' are")
                            + " not in the file; available columns: " + String.join(", ", names)
                            + (header ? "" : " (the file is read without header)"));
        }
        return cols;
    }

    // ------------------------------------------------------------------ JSON

    private SourceFrame json(SourceDef source) throws DataException {
        SourceOptions so = SourceOptions.parse(new ConnectorContext(projectDirectory, credentials, null), source.settings());
        String label = so.label();
        String location = location(projectDirectory, label);
        long bytes = size(location);
        if (bytes < 0) {
            throw new DataException(DataLocation.of(label), "cannot read the file: " + location + " does not exist");
        }
        JsonFormat format = so.format() != null ? so.format() : sniff(location, label);
        if (format == JsonFormat.DOCUMENT) {
            throw new DataException(DataLocation.of(label), "the Spark engine reads JSON arrays and NDJSON, not documents with a record path");
        }
        List<Field> fields = source.schema().fields();
        List<StructField> all = new ArrayList<>();
        for (Field f : fields) {
            all.add(DataTypes.createStructField(f.name(), jsonType(f), true));
        }
        all.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
        Dataset<Row> df = spark.read().schema(DataTypes.createStructType(all)).option("multiLine", format == JsonFormat.ARRAY)
                .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT)
                .option("encoding", (so.encoding() == null ? StandardCharsets.UTF_8 : so.encoding()).name()).json(location);
        df = df.withColumn(SourceFrame.RID, monotonically_increasing_id());
        List<Column> raws = new ArrayList<>();
        for (Field f : fields) {
            Column c = column(f.name());
            raws.add(f.isRecord() || f.repeated() ? c.cast(textType(f)) : c);
        }
        Column bad = col(CORRUPT).isNotNull();
        Column reason = lit("the record is not valid JSON");
        if (!fields.isEmpty()) {
            reason = withData(reason, raws.get(0));
        }
        SourceFrame f = frame(source, df, raws, bad, when(bad, reason), Cols.nullOf(DataType.TEXT),
                when(bad, col(CORRUPT)), label, bytes, format == JsonFormat.NDJSON ? 0 : -1);
        return format == JsonFormat.ARRAY ? new SourceFrame(f.source(), f.frame(), label, bytes, -1, location,
                so.encoding() == null ? StandardCharsets.UTF_8 : so.encoding()) : f;
    }

    private JsonFormat sniff(String location, String label) throws DataException {
        String lower = label.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
            return JsonFormat.NDJSON;
        }
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
        try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '[') {
                    return JsonFormat.ARRAY;
                }
                if (!Character.isWhitespace(c) && c != 0xEF && c != 0xBB && c != 0xBF) {
                    return JsonFormat.NDJSON;
                }
            }
            return JsonFormat.NDJSON;
        } catch (IOException e) {
            throw new DataException(DataLocation.of(label), "cannot read the file: " + e.getMessage(), e);
        }
    }

    /** A JSON field read as the text of its scalars (Spark keeps a number's digits as written). */
    private static org.apache.spark.sql.types.DataType jsonType(Field f) {
        org.apache.spark.sql.types.DataType one;
        if (f.isRecord()) {
            List<StructField> children = new ArrayList<>();
            for (Field c : f.children()) {
                children.add(DataTypes.createStructField(c.name(), jsonType(c), true));
            }
            one = DataTypes.createStructType(children);
        } else {
            one = DataTypes.StringType;
        }
        return f.repeated() ? DataTypes.createArrayType(one, true) : one;
    }

    /** The raw (text) form of a field with children renamed c0, c1, ... */
    private static org.apache.spark.sql.types.DataType textType(Field f) {
        org.apache.spark.sql.types.DataType one;
        if (f.isRecord()) {
            List<StructField> children = new ArrayList<>();
            for (int i = 0; i < f.children().size(); i++) {
                children.add(DataTypes.createStructField(SparkTypes.child(i), textType(f.children().get(i)), true));
            }
            one = DataTypes.createStructType(children);
        } else {
            one = DataTypes.StringType;
        }
        return f.repeated() ? DataTypes.createArrayType(one, true) : one;
    }

    // ------------------------------------------------------------------ common

    /**
     * Adds the coerced values, the first value that does not fit and the raw text to a frame.
     *
     * @param raws      per field, its raw column (text, or text leaves in records)
     * @param bad       whether the record could not be read
     * @param badReason why, when bad
     * @param badField  the column concerned, when bad and known
     * @param badRaw    the record's text, when bad
     * @param lineOffset line = record + lineOffset, or -1 when lines are not known
     */
    SourceFrame frame(SourceDef source, Dataset<Row> df, List<Column> raws, Column bad, Column badReason, Column badField,
            Column badRaw, String label, long bytes, long lineOffset) {
        List<Field> fields = source.schema().fields();
        List<Column> select = new ArrayList<>();
        select.add(col(SourceFrame.RID));
        Column errField = null;
        Column errReason = null;
        for (int j = 0; j < fields.size(); j++) {
            Field f = fields.get(j);
            Coercions.Coerced c = Coercions.of(raws.get(j), f);
            select.add(c.value().as(SourceFrame.value(j)));
            if (c.reason() != null) {
                Column failed = c.reason().isNotNull();
                errField = errField == null ? when(failed, lit(f.name())) : errField.when(failed, lit(f.name()));
                errReason = errReason == null ? when(failed, c.reason()) : errReason.when(failed, c.reason());
            }
            select.add(raws.get(j).as(SourceFrame.raw(j)));
        }
        select.add(badReason.as(SourceFrame.BAD));
        select.add(badField.as(SourceFrame.BAD_FIELD));
        select.add((errField == null ? Cols.nullOf(DataType.TEXT) : when(not(bad), errField)).as(SourceFrame.ERR_FIELD));
        select.add((errReason == null ? Cols.nullOf(DataType.TEXT) : when(not(bad), errReason)).as(SourceFrame.ERR_REASON));
        select.add(when(bad, badRaw).as(SourceFrame.CORRUPT_TEXT));
        return new SourceFrame(source, df.select(select.toArray(new Column[0])), label, bytes, lineOffset, null, null);
    }

    static Charset utf8() {
        return StandardCharsets.UTF_8;
    }

    static Column quote(Column text) {
        return concat(lit("\""), functions.regexp_replace(text, "\"", "\"\""), lit("\""));
    }
}
