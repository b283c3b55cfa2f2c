package org.mapwright.internal.connector.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.infer.ColumnInference;
import org.mapwright.core.infer.ColumnInferrer;
import org.mapwright.core.infer.InferenceOptions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Infers a nested schema from sample records, streaming: only the shape of each member path is
 * kept (counts per JSON kind and a few samples), never the records.
 *
 * <p>Rules: objects become RECORD fields whose children are merged over all occurrences; arrays
 * make a field {@code repeated} (an array of objects is a repeated RECORD, of scalars a repeated
 * scalar, and a member that is sometimes a single value and sometimes an array is repeated too);
 * a field missing from some objects, or null in some, is nullable; INTEGER and DECIMAL widen to
 * DECIMAL and any other mix of kinds, arrays nested in arrays included, widens to TEXT; a field
 * seen only as null or as empty arrays is ANY. Fields keep the order in which they were first
 * seen. A field holding only strings becomes DATE or TIMESTAMP (with a format when not ISO) when
 * {@link ColumnInferrer} finds its strings to be dates; other strings stay TEXT, also when they
 * look like numbers or booleans (quoting them was the producer's choice).
 */
public final class SchemaInference {

    /**
     * Objects used as maps keyed by ids would otherwise grow the schema without bound; a real
     * record structure is far smaller than this.
     */
    static final int MAX_FIELDS = 10_000;
    private static final int MAX_SAMPLE_CHARS = 80;
    /** Strings are only searched for dates, so the inferrer need not keep samples of its own. */
    private static final InferenceOptions TEXT_OPTIONS = InferenceOptions.DEFAULTS.withSampleValues(0);
    /**
     * In JSON an 8-digit string is far more often an identifier than a date: numbers that were
     * meant as numbers would not be quoted, and dates in a JSON API use separators.
     */
    private static final String COMPACT_DATE = "yyyyMMdd";

    /** The shape of one member path. */
    private static final class Shape {
        final Map<String, Shape> children = new LinkedHashMap<>();
        final Set<String> samples = new LinkedHashSet<>();
        long present;
        long values;
        long nulls;
        long ints;
        long decimals;
        long strings;
        long booleans;
        long objects;
        long arrays;
        long nestedArrays;
        long stamp;
        /** Looks for dates and timestamps among the strings; created with the first string. */
        ColumnInferrer texts;
    }

    /** The records have more distinct member paths than a schema can sensibly hold. */
    static final class TooManyFields extends Exception {
        private static final long serialVersionUID = 1L;

        TooManyFields() {
            super("the records have more than " + MAX_FIELDS + " distinct fields (objects used as maps keyed by ids?); choose a "
                    + "record path below such objects or read them with a fixed schema", null, false, false);
        }
    }

    /** The inferred schema and, per field id, why each field got its type. */
    public record Result(Schema schema, Map<String, FieldEvidence> evidence) {
    }

    private final Shape root = new Shape();
    private final int sampleValues;
    private final int maxDigits;
    private int shapes;
    private long objectStamp;
    private JsonStreamContext base;
    private String duplicate;

    public SchemaInference(int sampleValues, Limits limits) {
        this.sampleValues = sampleValues;
        this.maxDigits = limits.maxNumberChars();
    }

    /**
     * Adds one record; the parser is on its first token and is left on its last. A record that
     * is not an object counts as an object with the single member {@code value}.
     *
     * @throws ValueProblem for a value that cannot be read (the record is then partly counted)
     * @throws TooManyFields when the records have more than {@value #MAX_FIELDS} distinct member paths
     */
    void accept(JsonParser p, JsonToken t, JsonStreamContext recordBase) throws IOException, ValueProblem, TooManyFields {
        base = recordBase;
        duplicate = null;
        root.objects++;
        if (t == JsonToken.START_OBJECT) {
            members(root, p);
        } else {
            Shape value = child(root, ReadPlan.VALUE_FIELD);
            value.present++;
            value(value, p, t);
        }
    }

    /** @return the path of a duplicate key met in the last record, or null */
    String duplicateKey() {
        return duplicate;
    }

    private Shape child(Shape parent, String name) throws TooManyFields {
        Shape c = parent.children.get(name);
        if (c == null) {
            if (++shapes > MAX_FIELDS) {
                throw new TooManyFields();
            }
            c = new Shape();
            parent.children.put(name, c);
        }
        return c;
    }

    private void members(Shape s, JsonParser p) throws IOException, ValueProblem, TooManyFields {
        long stamp = ++objectStamp;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Shape c = child(s, p.currentName());
            if (c.stamp == stamp) {
                if (duplicate == null) {
                    duplicate = JsonPaths.of(p, base);
                }
            } else {
                c.stamp = stamp;
                c.present++;
            }
            value(c, p, p.nextToken());
        }
    }

    private void value(Shape s, JsonParser p, JsonToken t) throws IOException, ValueProblem, TooManyFields {
        if (t == JsonToken.START_ARRAY) {
            s.arrays++;
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                if (e == JsonToken.START_ARRAY) {
                    s.values++;
                    s.nestedArrays++;
                    p.skipChildren();
                } else {
                    single(s, p, e);
                }
            }
        } else {
            single(s, p, t);
        }
    }

    private void single(Shape s, JsonParser p, JsonToken t) throws IOException, ValueProblem, TooManyFields {
        s.values++;
        switch (t) {
            case VALUE_NULL:
                s.nulls++;
                return;
            case START_OBJECT:
                s.objects++;
                members(s, p);
                return;
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    s.decimals++;
                } else {
                    s.ints++;
                }
                break;
            case VALUE_NUMBER_FLOAT:
                try {
                    Numbers.decimal(p.getText(), maxDigits);
                } catch (IllegalArgumentException e) {
                    throw new ValueProblem(e.getMessage(), JsonPaths.of(p, base));
                }
                s.decimals++;
                break;
            case VALUE_STRING:
                s.strings++;
                if (s.texts == null) {
                    s.texts = new ColumnInferrer(TEXT_OPTIONS);
                }
                s.texts.accept(p.getText());
                break;
            case VALUE_TRUE:
            case VALUE_FALSE:
                s.booleans++;
                break;
            default:
                return;
        }
        if (s.samples.size() < sampleValues) {
            String text = p.getText();
            s.samples.add(text.length() <= MAX_SAMPLE_CHARS ? text : text.substring(0, MAX_SAMPLE_CHARS - 3) + "...");
        }
    }

    /**
     * Builds the schema of everything accepted so far.
     *
     * @param previous an earlier schema of the same source (may be empty): a field at the same
     *                 dotted path keeps its id, so mappings drawn against it stay valid
     */
    public Result result(Schema previous, Ids ids) {
        Set<String> taken = new HashSet<>();
        previous.allFields().forEach(f -> taken.add(f.id()));
        Map<String, FieldEvidence> evidence = new HashMap<>();
        List<Field> fields = fields(root, "", previous, ids, taken, evidence);
        return new Result(Schema.of(fields), evidence);
    }

    private List<Field> fields(Shape parent, String prefix, Schema previous, Ids ids, Set<String> taken,
            Map<String, FieldEvidence> evidence) {
        List<Field> fields = new ArrayList<>(parent.children.size());
        for (Map.Entry<String, Shape> e : parent.children.entrySet()) {
            String name = e.getKey();
            Shape s = e.getValue();
            String path = prefix + name;
            String id = previous.byPath(path).map(Field::id).orElse(null);
            if (id == null) {
                id = ids.nextUnique("f", taken);
                taken.add(id);
            }
            DataType type = type(s);
            boolean nullable = s.present < parent.objects || s.nulls > 0;
            String format = null;
            double confidence = confidence(s, type);
            ColumnInference temporal = temporal(s);
            if (temporal != null) {
                type = temporal.type();
                format = temporal.format();
                confidence = temporal.confidence();
                // a blank string in a date field reads as null
                nullable |= temporal.nulls() > 0;
            }
            List<Field> children = type == DataType.RECORD ? fields(s, path + ".", previous, ids, taken, evidence) : List.of();
            fields.add(new Field(id, name, type, nullable, false, format, s.arrays > 0, children));
            // only the date reading tolerates stray values; the other types widen to TEXT instead
            evidence.put(id, new FieldEvidence(id, s.values, s.nulls, confidence, List.copyOf(s.samples),
                    temporal == null ? null : temporal.warning(), temporal == null ? List.of() : temporal.mismatches()));
        }
        return fields;
    }

    /**
     * @return the date or timestamp conclusion for a field holding only strings, or null when it
     *         holds other kinds too or its strings are not dates. Strings that look like numbers
     *         or booleans stay TEXT: quoting them was the producer's choice (codes, zip codes).
     */
    private static ColumnInference temporal(Shape s) {
        if (s.texts == null || s.ints + s.decimals + s.booleans + s.objects + s.nestedArrays > 0) {
            return null;
        }
        ColumnInference c = s.texts.result(true);
        boolean temporal = c.type() == DataType.DATE || c.type() == DataType.TIMESTAMP;
        return temporal && !COMPACT_DATE.equals(c.format()) ? c : null;
    }

    private static DataType type(Shape s) {
        boolean scalar = s.ints + s.decimals + s.strings + s.booleans > 0;
        if (s.nestedArrays > 0 || (s.objects > 0 && scalar)) {
            return DataType.TEXT;
        }
        if (s.objects > 0) {
            return DataType.RECORD;
        }
        if (!scalar) {
            return DataType.ANY;
        }
        if (s.strings == 0 && s.booleans == 0) {
            return s.decimals > 0 ? DataType.DECIMAL : DataType.INTEGER;
        }
        if (s.strings == 0 && s.ints + s.decimals == 0) {
            return DataType.BOOLEAN;
        }
        return DataType.TEXT;
    }

    /**
     * Share of non-null values that fit the type. Every value has a text form, so for TEXT
     * widened from mixed kinds the share of the commonest kind is given instead: it tells the
     * user how mixed the field really is.
     */
    private static double confidence(Shape s, DataType type) {
        long nonNull = s.values - s.nulls;
        if (nonNull <= 0) {
            return 1.0;
        }
        long fitting;
        switch (type) {
            case INTEGER:
                fitting = s.ints;
                break;
            case DECIMAL:
                fitting = s.ints + s.decimals;
                break;
            case BOOLEAN:
                fitting = s.booleans;
                break;
            case RECORD:
                fitting = s.objects;
                break;
            case TEXT:
                fitting = Math.max(Math.max(s.strings, s.ints + s.decimals), Math.max(s.booleans, Math.max(s.objects, s.nestedArrays)));
                break;
            default:
                fitting = nonNull;
        }
        return Math.min(1.0, (double) fitting / nonNull);
    }
}
