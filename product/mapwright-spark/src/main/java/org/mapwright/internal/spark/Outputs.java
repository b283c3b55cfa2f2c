package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.RecordWriter;
import org.mapwright.engine.RunRequest;
import org.mapwright.internal.connector.csv.CsvSettings;

/**
 * Writes a mapping's rows to its outputs: CSV and JSON files as the local writers format them
 * (lines built by Spark, one file, renamed into place), Parquet folders, and through the local
 * connector on the driver what Spark cannot write the same way (Excel, database tables, CSV in
 * another encoding). Nothing is visible before {@link #commit()}.
 */
final class Outputs {

    /** The connector kind of Parquet outputs, which only the Spark engine writes. */
    static final String PARQUET = "parquet";

    private final SparkSession spark;
    private final ConnectorRegistry registry;
    private final RunRequest request;
    private final Schema schema;
    private final List<FileCommit> files = new ArrayList<>();
    private final List<RecordWriter> writers = new ArrayList<>();

    Outputs(SparkSession spark, ConnectorRegistry registry, RunRequest request, Schema schema) {
        this.spark = spark;
        this.registry = registry;
        this.request = request;
        this.schema = schema;
    }

    /** @return the output's label for reports, as the local connector describes it */
    static String describe(ConnectorRegistry registry, OutputDef o) {
        if (o.connector().equals(PARQUET)) {
            return PARQUET + " " + o.settings().getString("path", "");
        }
        try {
            return registry.target(o.connector()).describe(o.settings());
        } catch (IllegalArgumentException e) {
            return o.connector() + " " + o.settings().asMap();
        }
    }

    /** @return whether Spark writes the output itself (else the driver writes it through the local connector) */
    static boolean native_(OutputDef o, Schema schema) {
        switch (o.connector()) {
            case PARQUET: case "json":
                return true;
            case "csv": {
                CsvSettings cs;
                try {
                    cs = CsvSettings.parse(o.settings());
                } catch (IllegalArgumentException e) {
                    return false;
                }
                boolean utf8 = cs.encoding() == null || cs.encoding().equals(StandardCharsets.UTF_8);
                boolean flat = schema.fields().stream().noneMatch(f -> f.isRecord() || f.repeated());
                return utf8 && !cs.byteOrderMark() && (!cs.quoteSet() || cs.quote() != null) && flat;
            }
            default:
                return false;
        }
    }

    /**
     * Writes every output into its temporary place.
     *
     * @param written the target rows ({@code __rid, t0..tn}), in no order
     * @throws DataException when an output cannot be written
     */
    void write(Dataset<Row> written, List<OutputDef> defs) throws DataException {
        Path outDir = request.effectiveOutputDirectory();
        for (int k = 0; k < defs.size(); k++) {
            OutputDef o = defs.get(k);
            try {
                if (!native_(o, schema)) {
                    driver(o, written);
                    continue;
                }
                String path = o.settings().requireString("path");
                FileCommit file = new FileCommit(spark, Sources.location(outDir, path), o.connector().equals(PARQUET));
                files.add(file);
                switch (o.connector()) {
                    case "csv":
                        CsvSettings cs = CsvSettings.parse(o.settings());
                        file.writeLines(csv(written, csvLine(cs), cs), cs.lineSeparator());
                        break;
                    case "json":
                        file.writeLines(json(written, jsonObject(o.settings()), o.settings()), "\n");
                        break;
                    default:
                        file.writeParquet(parquet(written));
                        break;
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new DataException(DataLocation.of(o.settings().getString("path", o.id())), "cannot write the output: " + e.getMessage(), e);
            }
        }
    }

    void commit() throws DataException {
        for (RecordWriter w : writers) {
            w.commit();
        }
        for (FileCommit f : files) {
            try {
                f.commit();
            } catch (IOException e) {
                throw new DataException(DataLocation.of(f.target().toString()), "cannot publish the output: " + e.getMessage(), e);
            }
        }
        for (RecordWriter w : writers) {
            w.close();
        }
    }

    void discard() {
        for (RecordWriter w : writers) {
            try {
                w.close();
            } catch (RuntimeException e) {
                // discarding after a failure: that failure is what the report shows
            }
        }
        for (FileCommit f : files) {
            f.discard();
        }
    }

    // ------------------------------------------------------------------ CSV

    /** One row of a CSV file as the local writer formats it. */
    private Column csvLine(CsvSettings cs) {
        char delimiter = cs.delimiter() == null ? ',' : cs.delimiter();
        Character quote = cs.quoteSet() ? cs.quote() : Character.valueOf('"');
        Character escape = cs.escape();
        String nullText = cs.nullValue() == null ? "" : cs.nullValue();
        List<Field> fields = schema.fields();
        List<Column> cells = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            Column v = col("t" + i);
            Column text = Cols.text(v, f.type());
            boolean string = f.type() == DataType.TEXT || f.type() == DataType.ANY;
            if (string && cs.neutralizeFormulas()) {
                Column formula = text.rlike("^[=+\\-@\\t\\r]").and(not(text.rlike("^[+-]([0-9]+\\.?[0-9]*|\\.[0-9]+)\\z")));
                text = when(formula, concat(lit("'"), text)).otherwise(text);
            }
            cells.add(when(v.isNull(), lit(nullText)).otherwise(quoted(text, delimiter, quote, escape, nullText)));
        }
        return concat_ws(String.valueOf(delimiter), cells.toArray(new Column[0]));
    }

    /** The lines of a CSV file: the header, then the rows' lines in order. */
    private Dataset<Row> csv(Dataset<Row> written, Column line, CsvSettings cs) {
        char delimiter = cs.delimiter() == null ? ',' : cs.delimiter();
        Character quote = cs.quoteSet() ? cs.quote() : Character.valueOf('"');
        Character escape = cs.escape();
        String nullText = cs.nullValue() == null ? "" : cs.nullValue();
        List<Field> fields = schema.fields();
        Dataset<Row> rows = written.select(col(SourceFrame.RID), line.as("value"));
        if (cs.header() != null && !cs.header()) {
            return inOrder(rows);
        }
        List<String> names = new ArrayList<>();
        for (Field f : fields) {
            names.add(quotedText(f.name(), delimiter, quote, escape, nullText));
        }
        return withEdges(rows, String.join(String.valueOf(delimiter), names), null);
    }

    /** A text value quoted when the local writer quotes it. */
    private static Column quoted(Column text, char delimiter, Character quote, Character escape, String nullText) {
        String specials = Cols.charClass(delimiter, '\n', '\r', quote, escape);
        Column needs = text.equalTo("").or(text.equalTo(nullText)).or(text.rlike("^\\p{javaWhitespace}|\\p{javaWhitespace}\\z|[" + specials + "]"));
        Column inner = text;
        if (escape != null) {
            inner = functions.regexp_replace(inner, Cols.literalRegex(String.valueOf(escape)), Cols.literalReplacement(escape + "" + escape));
        }
        inner = functions.regexp_replace(inner, Cols.literalRegex(String.valueOf(quote)),
                Cols.literalReplacement((escape == null ? String.valueOf(quote) : String.valueOf(escape)) + quote));
        return when(needs, concat(lit(String.valueOf(quote)), inner, lit(String.valueOf(quote)))).otherwise(text);
    }

    private static String quotedText(String s, char delimiter, Character quote, Character escape, String nullText) {
        boolean needs = s.isEmpty() || s.equals(nullText) || Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(s.length() - 1));
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = c == delimiter || c == '\n' || c == '\r' || c == quote || escape != null && c == escape;
        }
        if (!needs) {
            return s;
        }
        StringBuilder b = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote) {
                b.append(escape == null ? quote : escape);
            } else if (escape != null && c == escape) {
                b.append(c);
            }
            b.append(c);
        }
        return b.append(quote).toString();
    }

    /** The rows' lines in order, with a first and (when not null) a last line around them, in one partition. */
    private Dataset<Row> withEdges(Dataset<Row> rows, String first, String last) {
        List<Row> edges = new ArrayList<>();
        edges.add(RowFactory.create(Long.MIN_VALUE, first));
        if (last != null) {
            edges.add(RowFactory.create(Long.MAX_VALUE, last));
        }
        Dataset<Row> e = spark.createDataFrame(edges, rows.schema());
        return inOrder(e.union(rows));
    }

    /**
     * @return the lines in one partition sorted by position, for one file: the tasks format them in
     *         parallel and shuffle them to the one task that sorts (spilling to disk when large)
     *         and writes; without the shuffle ({@code coalesce(1)}) that task would format them all
     */
    static Dataset<Row> inOrder(Dataset<Row> lines) {
        return lines.repartition(1).sortWithinPartitions(SourceFrame.RID).select(col("value"));
    }

    // ------------------------------------------------------------------ JSON

    /** One row of a JSON file as the local writer formats it: an object on one line. */
    private Column jsonObject(Settings settings) {
        boolean omitNulls = settings.getBoolean("omitNulls", false);
        List<Field> fields = schema.fields();
        List<Column> values = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            values.add(col("t" + i));
        }
        return object(fields, values, omitNulls);
    }

    /** The lines of a JSON file as the local writer formats them: an array with one object per line, or NDJSON. */
    private Dataset<Row> json(Dataset<Row> written, Column object, Settings settings) {
        String path = settings.getString("path", "");
        String lower = path.toLowerCase(Locale.ROOT);
        String format = settings.getString("format", lower.endsWith(".ndjson") || lower.endsWith(".jsonl") ? "ndjson" : "array")
                .trim().toLowerCase(Locale.ROOT);
        if (!format.equals("array") && !format.equals("ndjson")) {
            throw new IllegalArgumentException("setting 'format' must be array or ndjson, not '" + settings.getString("format", "") + "'");
        }
        if (format.equals("ndjson")) {
            return inOrder(written.select(col(SourceFrame.RID), object.as("value")));
        }
        Row last = written.agg(max(col(SourceFrame.RID))).first();
        Column line = last.isNullAt(0) ? object
                : when(col(SourceFrame.RID).equalTo(last.getLong(0)), object).otherwise(concat(object, lit(",")));
        return withEdges(written.select(col(SourceFrame.RID), line.as("value")), "[", "]");
    }

    private static Column object(List<Field> fields, List<Column> values, boolean omitNulls) {
        List<Column> members = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            Column v = values.get(i);
            Column member = concat(lit(jsonString(f.name()) + ":"), jsonValue(v, f, false));
            members.add(omitNulls ? when(v.isNotNull(), member) : member);
        }
        return concat(lit("{"), concat_ws(",", members.toArray(new Column[0])), lit("}"));
    }

    private static Column jsonValue(Column v, Field f, boolean element) {
        Column out;
        if (f.repeated() && !element) {
            Column parts = functions.transform(v, e -> jsonValue(e, f, true));
            out = concat(lit("["), concat_ws(",", parts), lit("]"));
        } else if (f.isRecord()) {
            List<Column> children = new ArrayList<>();
            for (int i = 0; i < f.children().size(); i++) {
                children.add(v.getField(SparkTypes.child(i)));
            }
            out = object(f.children(), children, false);
        } else {
            switch (f.type()) {
                case INTEGER: case BOOLEAN:
                    out = v.cast(DataTypes.StringType);
                    break;
                case DECIMAL:
                    out = Cols.plainDecimal(v);
                    break;
                default:
                    out = jsonString(Cols.text(v, f.type()));
                    break;
            }
        }
        return when(v.isNull(), lit("null")).otherwise(out);
    }

    /** A JSON string as Jackson writes it (Spark's JSON functions use Jackson too): {@code ["..."]} without the brackets. */
    private static Column jsonString(Column text) {
        Column json = functions.to_json(functions.array(text));
        return functions.call_function("substring", json, lit(2), functions.length(json).minus(2));
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                case '\b':
                    b.append("\\b");
                    break;
                case '\f':
                    b.append("\\f");
                    break;
                default:
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }

    // ------------------------------------------------------------------ Parquet

    /** The rows with the fields' names and Parquet types; decimals get the scale their largest needs. */
    private Dataset<Row> parquet(Dataset<Row> written) throws IOException {
        List<Field> fields = schema.fields();
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            Column v = col("t" + i);
            if (f.type() == DataType.DECIMAL && !f.repeated()) {
                v = decimal(written, v, f);
            } else if (f.isRecord() || f.repeated()) {
                v = v.cast(named(f));
            }
            out.add(v.as(f.name()));
        }
        return written.select(out.toArray(new Column[0]));
    }

    private static Column decimal(Dataset<Row> written, Column v, Field f) throws IOException {
        UDF1<String, Integer> scale = s -> s == null ? null : Math.max(new BigDecimal(s).scale(), 0);
        UDF1<String, Integer> digits = s -> {
            if (s == null) {
                return null;
            }
            BigDecimal d = new BigDecimal(s);
            return Math.max(d.precision() - d.scale(), 1);
        };
        Row r = written.agg(max(functions.udf(scale, DataTypes.IntegerType).apply(v)),
                max(functions.udf(digits, DataTypes.IntegerType).apply(v))).first();
        int s = r.isNullAt(0) ? 0 : r.getInt(0);
        int p = (r.isNullAt(1) ? 1 : r.getInt(1)) + s;
        if (p > 38) {
            throw new IOException("decimal field '" + f.name() + "' needs " + p + " digits; Parquet decimals hold at most 38");
        }
        return v.cast(DataTypes.createDecimalType(Math.max(p, 1), s));
    }

    /** The Spark type of a field with its children named as in the schema (for Parquet). */
    private static org.apache.spark.sql.types.DataType named(Field f) {
        org.apache.spark.sql.types.DataType one;
        if (f.isRecord()) {
            List<StructField> children = new ArrayList<>();
            for (Field c : f.children()) {
                children.add(DataTypes.createStructField(c.name(), named(c), true));
            }
            one = DataTypes.createStructType(children);
        } else {
            one = SparkTypes.scalar(f.type());
        }
        return f.repeated() ? DataTypes.createArrayType(one, true) : one;
    }

    // ------------------------------------------------------------------ through the driver

    /** Streams the rows to the driver and writes them with the local connector (Excel, databases...). */
    private void driver(OutputDef o, Dataset<Row> written) throws DataException {
        ConnectorContext ctx = new ConnectorContext(request.effectiveOutputDirectory(), request.credentials(), request.limits());
        RecordWriter w = registry.target(o.connector()).open(ctx, o.settings(), schema);
        writers.add(w);
        List<Field> fields = schema.fields();
        // range-partitioned in order, so the driver holds one partition at a time
        Iterator<Row> rows = written.orderBy(SourceFrame.RID).toLocalIterator();
        while (rows.hasNext()) {
            Row r = rows.next();
            Object[] values = new Object[fields.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(r.get(i + 1), fields.get(i), false);
            }
            w.write(values);
        }
    }

    private static Object value(Object v, Field f, boolean element) {
        if (v == null) {
            return null;
        }
        if (f.repeated() && !element) {
            List<Object> out = new ArrayList<>();
            Iterable<?> items = v instanceof scala.collection.Seq<?> seq ? scala.jdk.javaapi.CollectionConverters.asJava(seq) : (List<?>) v;
            for (Object e : items) {
                out.add(value(e, f, true));
            }
            return out;
        }
        if (f.isRecord()) {
            Row r = (Row) v;
            Object[] out = new Object[f.children().size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = value(r.get(i), f.children().get(i), false);
            }
            return out;
        }
        return SparkValues.toMapwright(v, f.type());
    }
}
