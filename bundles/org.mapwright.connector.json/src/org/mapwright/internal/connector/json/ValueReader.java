package org.mapwright.internal.connector.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.mapwright.core.DataType;
import org.mapwright.core.connector.Limits;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads one record's values from a parser into the shape of a {@link ReadPlan}.
 *
 * <p>Conversions: JSON integers that fit in a long become {@link Long}, other numbers
 * {@link BigDecimal}; a value the field type cannot hold natively (a string for a date, a number
 * for text) is handed on as its JSON text so the engine parses it with the field's format and
 * reports a mismatch in its usual way. Objects and arrays where a scalar is expected are kept as
 * compact JSON text for text (and untyped) fields and are a bad record otherwise. A single value
 * where a list is expected is a one-element list.
 */
final class ValueReader {

    private static final int SIZE_CHECK_INTERVAL = 1024;

    private final TextCapture capture;
    private final int maxDigits;
    private final int maxRecordChars;
    private JsonStreamContext base;
    private long recordStart;

    ValueReader(TextCapture capture, Limits limits) {
        this.capture = capture;
        this.maxDigits = limits.maxNumberChars();
        this.maxRecordChars = limits.maxRecordChars();
    }

    /** @param t the record's first token */
    Object[] readRecord(JsonParser p, JsonToken t, ReadPlan plan, JsonStreamContext recordBase, long startOffset)
            throws IOException, ValueProblem {
        this.base = recordBase;
        this.recordStart = startOffset;
        if (t == JsonToken.START_OBJECT) {
            return readObject(p, plan);
        }
        Object[] values = new Object[plan.size()];
        ReadPlan.Slot slot = plan.valueSlot();
        if (slot != null) {
            values[slot.index] = read(p, t, slot);
        } else if (t.isStructStart()) {
            p.skipChildren();
        }
        return values;
    }

    private Object[] readObject(JsonParser p, ReadPlan plan) throws IOException, ValueProblem {
        Object[] values = new Object[plan.size()];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            ReadPlan.Slot slot = plan.slot(p.currentName());
            JsonToken v = p.nextToken();
            if (slot != null) {
                // a repeated member overwrites the earlier one: the last value of a duplicate key wins
                values[slot.index] = read(p, v, slot);
            } else if (v.isStructStart()) {
                p.skipChildren();
            }
        }
        return values;
    }

    private Object read(JsonParser p, JsonToken t, ReadPlan.Slot slot) throws IOException, ValueProblem {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!slot.repeated) {
            return single(p, t, slot);
        }
        List<Object> list = new ArrayList<>();
        if (t != JsonToken.START_ARRAY) {
            list.add(single(p, t, slot));
            return list;
        }
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            list.add(e == JsonToken.VALUE_NULL ? null : single(p, e, slot));
            if (list.size() % SIZE_CHECK_INTERVAL == 0) {
                checkSize(p);
            }
        }
        return list;
    }

    private void checkSize(JsonParser p) throws ValueProblem {
        if (p.currentLocation().getCharOffset() - recordStart > maxRecordChars) {
            throw problem(p, "record is longer than " + maxRecordChars + " characters " + Limits.hit(Limits.MAX_RECORD_CHARS));
        }
    }

    private Object single(JsonParser p, JsonToken t, ReadPlan.Slot slot) throws IOException, ValueProblem {
        DataType type = slot.type;
        if (type == DataType.RECORD) {
            if (t != JsonToken.START_OBJECT) {
                throw problem(p, "expected an object but found " + RecordCursor.describe(t));
            }
            return readObject(p, slot.children);
        }
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return integer(p, type);
            case VALUE_NUMBER_FLOAT:
                return fraction(p, type);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return type == DataType.BOOLEAN || type == DataType.ANY ? Boolean.valueOf(t == JsonToken.VALUE_TRUE) : p.getText();
            case START_OBJECT:
            case START_ARRAY:
                if (type == DataType.TEXT || type == DataType.ANY) {
                    return capture.capture(p, JsonPaths.of(p, base));
                }
                throw problem(p, "expected " + expected(type) + " but found " + RecordCursor.describe(t));
            default:
                throw problem(p, "unexpected " + RecordCursor.describe(t));
        }
    }

    private Object integer(JsonParser p, DataType type) throws IOException, ValueProblem {
        switch (type) {
            case INTEGER:
            case ANY:
                if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    return p.getLongValue();
                }
                return type == DataType.ANY ? new BigDecimal(p.getText()) : p.getText();
            case DECIMAL:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? new BigDecimal(p.getText())
                        : BigDecimal.valueOf(p.getLongValue());
            default:
                return p.getText();
        }
    }

    private Object fraction(JsonParser p, DataType type) throws IOException, ValueProblem {
        String text = p.getText();
        switch (type) {
            case DECIMAL:
            case ANY:
                return decimal(p, text);
            case INTEGER:
                BigDecimal d = decimal(p, text);
                try {
                    return d.longValueExact();
                } catch (ArithmeticException e) {
                    return text;
                }
            default:
                return text;
        }
    }

    private BigDecimal decimal(JsonParser p, String text) throws ValueProblem {
        try {
            return Numbers.decimal(text, maxDigits);
        } catch (IllegalArgumentException e) {
            throw problem(p, e.getMessage());
        }
    }

    private ValueProblem problem(JsonParser p, String reason) {
        return new ValueProblem(reason, JsonPaths.of(p, base));
    }

    private static String expected(DataType type) {
        switch (type) {
            case INTEGER:
            case DECIMAL:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case DATE:
                return "a date";
            case TIMESTAMP:
                return "a timestamp";
            default:
                return "a single value";
        }
    }
}
