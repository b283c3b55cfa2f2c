package org.mapwright.internal.engine.run;

import java.util.List;

import org.mapwright.core.Field;
import org.mapwright.engine.Reject;

/**
 * One record of the primary source on its way from the reader to the transform: the scope row
 * (primary fields coerced at their slots, joined slots still empty), the raw values (for the
 * rejects file) and where it came from. A record the reader or the coercion rejected carries
 * only {@link #reject}.
 */
final class SourceRow {
    final Object[] row;
    final Object[] raw;
    final String rawText;
    final String file;
    final long line;
    final long record;
    final Reject reject;
    final List<Field> fields;
    /**
     * The stateless part of the row's transform, computed on the reader thread in threaded runs;
     * null when the transform thread computes it (previews, rejected records). Published to the
     * transform thread by the queue between them.
     */
    Execution.Evaluated evaluated;

    SourceRow(Object[] row, Object[] raw, List<Field> fields, String rawText, String file, long line, long record, Reject reject) {
        this.fields = fields;
        this.row = row;
        this.raw = raw;
        this.rawText = rawText;
        this.file = file;
        this.line = line;
        this.record = record;
        this.reject = reject;
    }

    /** @return the raw input for a rejects line: the reader's text, else the raw values as CSV */
    String rawInput() {
        if (rawText != null) {
            return rawText;
        }
        return raw == null ? null : RejectsFile.joinCsv(raw, fields);
    }

    Reject reject(String field, String rule, String reason) {
        return new Reject(record, file, line, field, rule, reason, rawInput());
    }
}
