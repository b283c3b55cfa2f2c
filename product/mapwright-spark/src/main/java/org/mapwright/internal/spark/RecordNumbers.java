package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftrightunsigned;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * 1-based record numbers from row ids: a row id holds the source partition in its high bits and
 * the row's position in that partition below, so a record's number is the count of rows in the
 * partitions before its own plus its position.
 */
final class RecordNumbers {

    private final long[] partitions;
    private final long[] offsets;

    private RecordNumbers(Map<Long, Long> counts) {
        partitions = new long[counts.size()];
        offsets = new long[counts.size()];
        long total = 0;
        int i = 0;
        for (Map.Entry<Long, Long> e : new TreeMap<>(counts).entrySet()) {
            partitions[i] = e.getKey();
            offsets[i] = total;
            total += e.getValue();
            i++;
        }
    }

    /** @param counts rows per source partition */
    static RecordNumbers of(Map<Long, Long> counts) {
        return new RecordNumbers(counts);
    }

    /** Counts the rows of a source frame per partition (one pass over it). */
    static RecordNumbers of(Dataset<Row> frame) {
        Map<Long, Long> counts = new TreeMap<>();
        List<Row> rows = frame.groupBy(partition(col(SourceFrame.RID)).as("p")).count().collectAsList();
        for (Row r : rows) {
            counts.put(r.getLong(0), r.getLong(1));
        }
        return of(counts);
    }

    static Column partition(Column rid) {
        return shiftrightunsigned(rid, (int) MappingJob.ROW_BITS);
    }

    static long partition(long rid) {
        return rid >>> MappingJob.ROW_BITS;
    }

    static long position(long rid) {
        return rid & ((1L << MappingJob.ROW_BITS) - 1);
    }

    /** @return the record number of a row id */
    long record(long rid) {
        long p = partition(rid);
        for (int i = 0; i < partitions.length; i++) {
            if (partitions[i] == p) {
                return offsets[i] + position(rid) + 1;
            }
        }
        return position(rid) + 1;
    }

    /** @return the record number of a row id column */
    Column record(Column rid) {
        Column offset = partitions.length == 0 ? lit(0L)
                : functions.element_at(functions.map_from_arrays(lit(partitions), lit(offsets)), partition(rid));
        return offset.plus(rid.bitwiseAND(lit((1L << MappingJob.ROW_BITS) - 1))).plus(1);
    }
}
