package org.mapwright.internal.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.mapwright.core.Field;
import org.mapwright.core.SourceDef;

/**
 * The records of a source as a Spark frame, one row per record in source order: {@link #RID}
 * (increasing in source order, partition in the high bits), each field's coerced value
 * ({@link #value(int)}), why the record could not be read ({@link #BAD}, {@link #BAD_FIELD}), the
 * first value that does not fit its field ({@link #ERR_FIELD}, {@link #ERR_REASON}) and the raw
 * input for the rejects file (the raw values {@link #raw(int)} and {@link #CORRUPT_TEXT}, see
 * {@link #rawText}).
 *
 * @param label      the source as rejects name it (the path as written, or the table)
 * @param bytes      the size of the input, or -1 when unknown
 * @param lineOffset a record's line is its record number plus this; -1 when lines are unknown
 * @param jsonArray  for a JSON array file, where it is (its records' lines are looked up), else null
 * @param encoding   the JSON file's character set, or null
 */
public record SourceFrame(SourceDef source, Dataset<Row> frame, String label, long bytes, long lineOffset, String jsonArray,
        java.nio.charset.Charset encoding) {

    public static final String RID = "__rid";
    public static final String BAD = "__bad";
    public static final String BAD_FIELD = "__badf";
    public static final String ERR_FIELD = "__errf";
    public static final String ERR_REASON = "__errr";
    /** The raw input of a rejected row, as computed by {@link #rawText} (for rejected rows only). */
    public static final String RAW = "__raw";

    /** The raw text of a record the reader could not read (null for the others). */
    public static final String CORRUPT_TEXT = "__craw";

    /** @return the column of field i's value */
    public static String value(int i) {
        return "v" + i;
    }

    /** @return the column of field i's raw value (text, or records of text) */
    public static String raw(int i) {
        return "r" + i;
    }

    /**
     * @param column the column of a name ({@link #raw(int)}, {@link #CORRUPT_TEXT}) where they are
     * @return the raw input as the rejects file shows it: the text of an unreadable record, else the
     *         raw values joined as one CSV line. Costly: compute it for rejected rows only.
     */
    public Column rawText(Function<String, Column> column) {
        List<Column> cells = new ArrayList<>();
        List<Field> fields = source.schema().fields();
        for (int j = 0; j < fields.size(); j++) {
            cells.add(RawText.cell(column.apply(raw(j)), fields.get(j)));
        }
        Column joined = cells.isEmpty() ? functions.lit("") : functions.concat_ws(",", cells.toArray(new Column[0]));
        Column corrupt = column.apply(CORRUPT_TEXT);
        return functions.when(corrupt.isNotNull(), corrupt).otherwise(joined);
    }
}
