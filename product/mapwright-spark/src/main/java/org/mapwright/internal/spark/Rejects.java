package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The rejects file of a mapping, in the local engine's format (see RUN-REPORT.md): header
 * {@code record,file,line,field,rule,reason,raw}, rows in source order, RFC 4180 quoting, formula
 * cells neutralised. Written beside the outputs as a hidden file, moved into place by
 * {@link #commit()}; without rejected rows, {@link #commit()} removes a file an earlier run left.
 */
final class Rejects {

    static final String HEADER = "record,file,line,field,rule,reason,raw";

    private final Path target;
    private final FileCommit file;
    private boolean written;

    Rejects(SparkSession spark, Path target) {
        this.target = target.toAbsolutePath().normalize();
        this.file = new FileCommit(spark, "file:" + this.target, false);
    }

    Path target() {
        return target;
    }

    /** @return {@code <dir>/rejects/<mapping name>.rejects.csv}, the name made safe for every file system */
    static Path path(Path dir, String mappingName) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < mappingName.length(); i++) {
            char c = mappingName.charAt(i);
            b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ' ' ? c : '_');
        }
        String name = b.toString().trim();
        if (name.isEmpty() || name.startsWith(".")) {
            name = "_" + name;
        }
        return dir.resolve("rejects").resolve(name + ".rejects.csv");
    }

    /** @return where a reject happened, as the local engine prefixes messages: {@code file, line L, record R, field 'f': } */
    static String where(String file, long line, long record, String field) {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file);
        }
        if (line >= 0) {
            b.append(b.length() > 0 ? ", " : "").append("line ").append(line);
        }
        if (record >= 0) {
            b.append(b.length() > 0 ? ", " : "").append("record ").append(record);
        }
        if (field != null && !field.isEmpty()) {
            b.append(b.length() > 0 ? ", " : "").append("field '").append(field).append('\'');
        }
        return b.length() == 0 ? "" : b.append(": ").toString();
    }

    /**
     * Writes the rejected rows of the outcome (those the run saw before it stopped).
     *
     * @throws IOException when the file cannot be written
     */
    void write(MappingJob.Outcome outcome, Result r) throws IOException {
        if (r.rejected == 0) {
            return;
        }
        Dataset<Row> rejected = outcome.rejected(r);
        Column record = r.numbers.record(col(SourceFrame.RID));
        Column line = r.line(record);
        Column reason = functions.regexp_replace(col("m"), lit(CsvDiagnosis.LINE), functions.coalesce(line.cast(DataTypes.StringType), lit("-1")));
        Column text = concat_ws(",", record.cast(DataTypes.StringType), cell(lit(outcome.label)),
                functions.coalesce(line.cast(DataTypes.StringType), lit("")), cell(col("f")), cell(col("r")), cell(reason),
                cell(col(SourceFrame.RAW)));
        Dataset<Row> lines = rejected.select(col(SourceFrame.RID), text.as("value"));
        Dataset<Row> header = lines.sparkSession().createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(-1L, HEADER)),
                lines.schema());
        Dataset<Row> all = Outputs.inOrder(header.union(lines));
        file.writeLines(all, "\n");
        written = true;
    }

    /** One cell: neutralised when a spreadsheet would run it, quoted when it must be; empty for null. */
    static Column cell(Column s) {
        Column formula = s.rlike("^[=+\\-@\\t\\r]").and(not(s.rlike(Cols.DECIMAL_SYNTAX)));
        Column v = when(formula, concat(lit("'"), s)).otherwise(s);
        Column quoted = Sources.quote(v);
        return when(s.isNull().or(s.equalTo("")), lit("")).when(v.rlike("^ | \\z|[,\"\\n\\r]"), quoted).otherwise(v);
    }

    /** Publishes the file; without rejects, removes a file of an earlier run. */
    void commit() {
        try {
            if (written) {
                file.commit();
            } else {
                file.deleteTarget();
            }
        } catch (IOException e) {
            file.discard();
        }
    }

    void discard() {
        file.discard();
    }
}
