package org.mapwright.internal.spark;

import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Says why Spark's CSV parser found a line malformed, in the local reader's words: an unclosed
 * quote (where it opened, which column) or a wrong number of fields. Runs on malformed lines only.
 * The line number is not known yet where this runs: the reason holds {@link #LINE} in its place.
 */
final class CsvDiagnosis implements UDF1<String, Row> {

    private static final long serialVersionUID = 1L;

    /** Stands for the line number in a reason until record numbers are known. */
    static final String LINE = "\u0000line\u0000";

    private final char delimiter;
    private final Character quote;
    private final String[] names;
    private final boolean fromHeader;

    CsvDiagnosis(char delimiter, Character quote, List<String> names, boolean fromHeader) {
        this.delimiter = delimiter;
        this.quote = quote;
        this.names = names.toArray(new String[0]);
        this.fromHeader = fromHeader;
    }

    /** @return struct of reason, the column concerned (or null), and the number of fields the line has */
    static StructType resultType() {
        return DataTypes.createStructType(List.of(DataTypes.createStructField("reason", DataTypes.StringType, true),
                DataTypes.createStructField("field", DataTypes.StringType, true),
                DataTypes.createStructField("fields", DataTypes.IntegerType, true),
                DataTypes.createStructField("unclosed", DataTypes.BooleanType, true)));
    }

    @Override
    public Row call(String line) {
        if (line == null) {
            return null;
        }
        String text = line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                : line.endsWith("\n") || line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        int fields = 1;
        boolean atStart = true;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (atStart && quote != null && c == quote) {
                int open = i;
                i++;
                boolean closed = false;
                while (i < text.length()) {
                    if (text.charAt(i) == quote) {
                        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    i++;
                }
                if (!closed) {
                    String column = fields - 1 < names.length ? names[fields - 1] : "column_" + fields;
                    return RowFactory.create("unclosed quote: the quoted value opened at line " + LINE + ", character " + (open + 1)
                            + " does not end (the end of the file came first); skipped to the end of that line", column, fields, true);
                }
                atStart = false;
                continue;
            }
            if (c == delimiter) {
                fields++;
                atStart = true;
            } else {
                atStart = false;
            }
            i++;
        }
        String reason = "the record has " + fields + (fields == 1 ? " field" : " fields") + ", expected " + names.length
                + (fromHeader ? " as in the header" : " as in the first record");
        return RowFactory.create(reason, null, fields, false);
    }
}
