package org.mapwright.internal.connector.json;

import java.io.IOException;

import org.mapwright.core.Schema;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.RecordReader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;

/** Reads records of a requested schema from a {@link RecordCursor}. */
public final class JsonRecordReader implements RecordReader {

    private final RecordCursor cursor;
    private final Schema schema;
    private final ReadPlan plan;
    private final ValueReader values;
    private final boolean failOnError;
    private DataException fatal;

    /**
     * @param failOnError turn every bad record into a fatal error instead of a rejected one
     */
    public JsonRecordReader(RecordCursor cursor, Schema schema, JsonFactory factory, Limits limits, boolean failOnError) {
        this.cursor = cursor;
        this.schema = schema;
        this.plan = new ReadPlan(schema.fields());
        this.values = new ValueReader(new TextCapture(factory, limits.maxFieldChars()), limits);
        this.failOnError = failOnError;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Object[] next() throws DataException {
        if (fatal != null) {
            throw fatal;
        }
        try {
            JsonToken t = cursor.next();
            if (t == null) {
                return null;
            }
            Object[] record;
            try {
                record = values.readRecord(cursor.parser(), t, plan, cursor.base(), cursor.recordStartOffset());
            } catch (ValueProblem problem) {
                cursor.abandonRecord();
                throw DataException.badRecord(cursor.location(problem.path()), problem.getMessage(), cursor.rawText());
            }
            cursor.endRecord();
            return record;
        } catch (DataException e) {
            throw settle(e);
        } catch (IOException e) {
            throw settle(cursor.failure(e));
        }
    }

    private DataException settle(DataException e) {
        DataException result = e;
        if (e.recoverable() && failOnError) {
            result = new DataException(e.location(), e.reason() + " (onError is 'fail')", false, e.rawText(), e.getCause());
        }
        if (!result.recoverable()) {
            fatal = result;
        }
        return result;
    }

    @Override
    public DataLocation location() {
        return cursor.location();
    }

    @Override
    public long bytesRead() {
        return cursor.bytesRead();
    }

    @Override
    public long totalBytes() {
        return cursor.totalBytes();
    }

    @Override
    public void close() throws IOException {
        cursor.close();
    }
}
