package org.mapwright.internal.connector.json;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;

import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.Limits;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Positions a parser on one record after the other, whatever the file layout. The consumer reads
 * the record's value from the parser and then calls {@link #endRecord()}; when it gives up on a
 * bad value it calls {@link #abandonRecord()} instead. Shared by inference and reading so both
 * see exactly the same records.
 */
public abstract class RecordCursor implements Closeable {

    protected final String file;
    protected final Limits limits;
    protected final EncodedInput input;
    protected long record;
    protected long line = -1;

    RecordCursor(String file, Limits limits, EncodedInput input) {
        this.file = file;
        this.limits = limits;
        this.input = input;
    }

    /**
     * Moves to the next record.
     *
     * @return the record's first token, or null at the end of input
     * @throws DataException for a record the cursor itself rejects (e.g. an over-long line)
     * @throws IOException   for malformed input; translate it with {@link #failure(IOException)}
     */
    abstract JsonToken next() throws IOException, DataException;

    abstract JsonParser parser();

    /** @return the context that holds the current record, for paths relative to the record */
    abstract JsonStreamContext base();

    /** @return the character offset where the current record starts, in the parser's terms */
    abstract long recordStartOffset();

    /** Checks what follows a completely read record. */
    abstract void endRecord() throws IOException, DataException;

    /** Skips what is left of the current record after a {@link ValueProblem}. */
    abstract void abandonRecord() throws IOException;

    /** @return the raw text of the current record if the layout knows it, else null */
    abstract String rawText();

    /** @return whether a syntax error costs only the current record */
    abstract boolean resynchronizes();

    /**
     * @return the line the input was at when a failure occurred (for decoding errors, which
     *         carry no position of their own)
     */
    abstract long currentLine();

    /** @return what to add to a fatal syntax error's reason about the records after it, or "" */
    String fatalNote() {
        return "";
    }

    /** @return a DataException for a failure thrown by the parser or the input while on the current record */
    DataException failure(IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            String reason = JsonErrors.reason(jpe, limits, !resynchronizes());
            String path = JsonPaths.of(parser(), base());
            if (resynchronizes()) {
                return new DataException(location(path), reason, true, rawText(), null);
            }
            long errorLine = jpe.getLocation() == null ? line : jpe.getLocation().getLineNr();
            return new DataException(new DataLocation(file, errorLine, recordNumber(), path), reason + fatalNote(), e);
        }
        if (e instanceof CharacterCodingException) {
            return new DataException(new DataLocation(file, currentLine(), recordNumber(), null),
                    "the input is not valid " + input.charset().name() + " text; set 'encoding' to the file's character set", e);
        }
        return new DataException(location(null), "cannot read the file: " + e.getMessage(), e);
    }

    private long recordNumber() {
        return record > 0 ? record : -1;
    }

    /** @return where the current record is, with {@code column} as the path of a value in it */
    DataLocation location(String column) {
        return new DataLocation(file, line, recordNumber(), column);
    }

    DataLocation location() {
        return location(null);
    }

    long bytesRead() {
        return input.bytesRead();
    }

    long totalBytes() {
        return input.size();
    }

    String charsetName() {
        return input.charset().name();
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "the end of input";
        }
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return "'" + t.asString() + "'";
        }
    }
}
