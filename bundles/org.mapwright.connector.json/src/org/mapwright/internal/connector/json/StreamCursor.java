package org.mapwright.internal.connector.json;

import java.io.IOException;

import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.Limits;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Records of one streamed document: the elements of a top-level array ({@link JsonFormat#ARRAY})
 * or of the array at a record path, or a single value ({@link JsonFormat#DOCUMENT}). A syntax
 * error is fatal: inside one document there is no line structure to resynchronise on. A bad
 * value is not, because the parser stays in step and can skip to the record's end.
 */
final class StreamCursor extends RecordCursor {

    private enum State { START, ELEMENTS, SINGLE, DRAIN, DONE }

    private final JsonParser p;
    private final JsonFormat format;
    private final RecordPath path;
    private State state = State.START;
    private JsonToken single;
    private JsonStreamContext base;
    private long startOffset;

    StreamCursor(String file, Limits limits, EncodedInput input, JsonFactory factory, JsonFormat format, RecordPath path)
            throws IOException {
        super(file, limits, input);
        this.p = factory.createParser(input.reader());
        this.format = format;
        this.path = path;
        this.base = p.getParsingContext();
    }

    @Override
    JsonToken next() throws IOException, DataException {
        switch (state) {
            case START:
                start();
                return next();
            case ELEMENTS:
                JsonToken t = p.nextToken();
                if (t == JsonToken.END_ARRAY) {
                    state = State.DRAIN;
                    return next();
                }
                mark(t);
                return t;
            case SINGLE:
                state = State.DRAIN;
                mark(single);
                return single;
            case DRAIN:
                drain();
                state = State.DONE;
                return null;
            default:
                return null;
        }
    }

    private void start() throws IOException, DataException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new DataException(location(), "the input contains no JSON value");
        }
        if (format == JsonFormat.ARRAY) {
            if (t != JsonToken.START_ARRAY) {
                throw new DataException(location(), "expected a top-level array of records (format 'array') but the input starts with "
                        + describe(t) + "; set format to 'document' or 'ndjson'");
            }
            state = State.ELEMENTS;
            return;
        }
        for (int i = 0; i < path.segments().size(); i++) {
            if (t != JsonToken.START_OBJECT) {
                throw new DataException(location(), "record path " + path + " cannot be followed: " + path.prefix(i) + " is "
                        + describe(t) + ", not an object");
            }
            t = member(path.segments().get(i));
            if (t == null) {
                throw new DataException(location(), "record path " + path + " not found: " + path.prefix(i) + " has no member '"
                        + path.segments().get(i) + "'");
            }
        }
        if (path.isRoot() || t != JsonToken.START_ARRAY) {
            single = t;
            state = State.SINGLE;
        } else {
            state = State.ELEMENTS;
        }
    }

    /** Moves to the value of member {@code name} of the current object; null if it has none. */
    private JsonToken member(String name) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String n = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals(n)) {
                return v;
            }
            if (v.isStructStart()) {
                p.skipChildren();
            }
        }
        return null;
    }

    private void mark(JsonToken t) {
        record++;
        JsonLocation at = p.currentTokenLocation();
        line = at.getLineNr();
        startOffset = at.getCharOffset();
        JsonStreamContext c = p.getParsingContext();
        base = t.isStructStart() ? c.getParent() : c;
    }

    /**
     * Reads the rest of the document after the last record so truncation or trailing garbage
     * is reported rather than silently ignored.
     */
    private void drain() throws IOException, DataException {
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            if (t.isStructEnd()) {
                continue;
            }
            JsonStreamContext c = t.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext();
            if (c.inRoot()) {
                JsonLocation at = p.currentTokenLocation();
                throw new DataException(new DataLocation(file, at.getLineNr(), -1, null), "more content (" + describe(t) + ") at line "
                        + at.getLineNr() + ", column " + at.getColumnNr() + " after the end of the JSON document; a file with one "
                        + "JSON value per line needs format 'ndjson'");
            }
            if (t.isStructStart()) {
                p.skipChildren();
            }
        }
    }

    @Override
    long currentLine() {
        return p.currentLocation().getLineNr();
    }

    @Override
    String fatalNote() {
        return state == State.ELEMENTS
                ? "; the records after it cannot be read because the rest of a broken document cannot be told apart reliably"
                : "";
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
        return startOffset;
    }

    @Override
    void endRecord() throws DataException {
        long length = p.currentLocation().getCharOffset() - startOffset;
        if (length > limits.maxRecordChars()) {
            throw DataException.badRecord(location(), "record is longer than " + limits.maxRecordChars()
                    + " characters " + Limits.hit(Limits.MAX_RECORD_CHARS), null);
        }
    }

    @Override
    void abandonRecord() throws IOException {
        while (p.getParsingContext() != base) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return;
            }
            if (t.isStructStart()) {
                p.skipChildren();
            }
        }
    }

    @Override
    String rawText() {
        return null;
    }

    @Override
    boolean resynchronizes() {
        return false;
    }

    @Override
    public void close() throws IOException {
        try {
            p.close();
        } finally {
            input.close();
        }
    }
}
