package org.mapwright.internal.connector.json;

import java.io.IOException;

import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.Limits;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Records of an NDJSON file: one JSON value per line, blank lines skipped. Each line gets its own
 * parser, so a broken line costs only that record and reading resumes on the next line.
 */
final class LineCursor extends RecordCursor {

    private final JsonFactory factory;
    private final LineReader lines;
    private JsonParser p;
    private JsonStreamContext base;

    LineCursor(String file, Limits limits, EncodedInput input, JsonFactory factory) {
        super(file, limits, input);
        this.factory = factory;
        this.lines = new LineReader(input.reader(), limits.maxRecordChars());
    }

    @Override
    JsonToken next() throws IOException, DataException {
        closeParser();
        while (lines.next()) {
            if (lines.tooLong()) {
                record++;
                line = lines.lineNumber();
                throw DataException.badRecord(location(), "line is longer than " + limits.maxRecordChars()
                        + " characters " + Limits.hit(Limits.MAX_RECORD_CHARS), null);
            }
            if (lines.blank()) {
                continue;
            }
            record++;
            line = lines.lineNumber();
            p = factory.createParser(lines.buffer(), 0, lines.length());
            base = p.getParsingContext();
            return p.nextToken();
        }
        return null;
    }

    @Override
    long currentLine() {
        return lines.lineNumber() + 1;
    }

    @Override
    JsonParser parser() {
        return p;
    }

    @Override
    JsonStreamContext base() {
        return base;
    }

    @Override
    long recordStartOffset() {
        return 0;
    }

    @Override
    void endRecord() throws IOException, DataException {
        JsonToken t = p.nextToken();
        if (t != null) {
            throw DataException.badRecord(location(), "unexpected " + describe(t) + " at column "
                    + p.currentTokenLocation().getColumnNr() + " after the JSON value; each line must hold exactly one value",
                    rawText());
        }
    }

    @Override
    void abandonRecord() {
        // the next call starts on a fresh line
    }

    @Override
    String rawText() {
        return lines.tooLong() ? null : lines.text();
    }

    @Override
    boolean resynchronizes() {
        return true;
    }

    private void closeParser() throws IOException {
        if (p != null) {
            p.close();
            p = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeParser();
        } finally {
            input.close();
        }
    }
}
