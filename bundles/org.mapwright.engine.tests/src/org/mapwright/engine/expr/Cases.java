package org.mapwright.engine.expr;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.value.Values;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Shared support for the data-driven expression tests.
 *
 * <p>JSON encoding of typed values in {@code data/expressions/*.json}:
 * <ul>
 * <li>{@code fields}: name → type id ({@code "decimal"}); {@code "text[]"} for a repeated field;
 *     a nested object for a RECORD, e.g. {@code {"address": {"city": "text"}}}.</li>
 * <li>row values: JSON null for null; integers and decimals as JSON numbers (a decimal may be a
 *     string to keep all its digits); text as strings; booleans as booleans; dates and
 *     timestamps as ISO strings; records as objects; repeated fields as arrays; {@code any}
 *     fields keep the JSON type (string → text, whole number → integer, fraction → decimal).</li>
 * <li>{@code expected}: compared by the actual value's type: numbers by value
 *     ({@code 2.50 == 2.5}), dates and timestamps by canonical text ({@code Values.format}),
 *     everything else by equality.</li>
 * </ul>
 */
final class Cases {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /** The clock of every data-driven case: 2024-05-01T13:45:00 UTC. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T13:45:00Z"), ZoneOffset.UTC);

    private Cases() {
    }

    static Path dataDir() {
        String dir = System.getProperty("mapwright.testdata");
        return dir != null ? Path.of(dir) : Path.of("data");
    }

    static JsonNode read(String relative) throws IOException {
        return JSON.readTree(Files.readString(dataDir().resolve(relative)));
    }

    /** In-memory lookup tables: countries(code → name, population) and rates(id → rate). */
    static LookupResolver lookups() {
        Map<String, Map<String, Map<Object, Object>>> tables = new LinkedHashMap<>();
        Map<String, Map<Object, Object>> countries = new LinkedHashMap<>();
        countries.put("name", Map.of("DE", "Germany", "FR", "France"));
        countries.put("population", Map.of("DE", 84_000_000L, "FR", 68_000_000L));
        tables.put("countries", countries);
        tables.put("rates", Map.of("rate", Map.of(1L, new BigDecimal("0.1"), 2L, new BigDecimal("0.2"))));
        Map<String, DataType> types = Map.of("code", DataType.TEXT, "name", DataType.TEXT, "population", DataType.INTEGER,
                "id", DataType.INTEGER, "rate", DataType.DECIMAL);
        Map<String, String> keys = Map.of("countries", "code", "rates", "id");
        return (table, keyColumn, valueColumn) -> {
            Map<String, Map<Object, Object>> t = tables.get(table);
            if (t == null) {
                throw new IllegalArgumentException("no lookup table '" + table + "'");
            }
            if (!keys.get(table).equals(keyColumn)) {
                throw new IllegalArgumentException("table '" + table + "' has no key column '" + keyColumn + "'");
            }
            Map<Object, Object> values = t.get(valueColumn);
            if (values == null) {
                throw new IllegalArgumentException("table '" + table + "' has no column '" + valueColumn + "'");
            }
            return new LookupResolver.LookupTable() {
                @Override
                public DataType keyType() {
                    return types.get(keyColumn);
                }

                @Override
                public DataType valueType() {
                    return types.get(valueColumn);
                }

                @Override
                public Object get(Object key) {
                    return values.get(key);
                }
            };
        };
    }

    static Schema schema(JsonNode fields) {
        return Schema.of(fieldList(fields, new int[] {0}));
    }

    private static List<Field> fieldList(JsonNode fields, int[] counter) {
        List<Field> out = new ArrayList<>();
        if (fields == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : fields.properties()) {
            String id = "f" + counter[0]++;
            if (e.getValue().isObject()) {
                out.add(Field.of(id, e.getKey(), DataType.RECORD).withChildren(fieldList(e.getValue(), counter)));
            } else {
                String spec = e.getValue().asText();
                boolean repeated = spec.endsWith("[]");
                DataType type = DataType.parse(repeated ? spec.substring(0, spec.length() - 2) : spec);
                out.add(Field.of(id, e.getKey(), type).withRepeated(repeated));
            }
        }
        return out;
    }

    static Object[] row(Schema schema, JsonNode row) {
        Object[] out = new Object[schema.size()];
        for (int i = 0; i < out.length; i++) {
            Field f = schema.fields().get(i);
            out[i] = row == null ? null : value(f, row.get(f.name()));
        }
        return out;
    }

    private static Object value(Field f, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (f.repeated()) {
            List<Object> list = new ArrayList<>();
            Field element = f.withRepeated(false);
            for (JsonNode e : v) {
                list.add(value(element, e));
            }
            return list;
        }
        switch (f.type()) {
            case RECORD: {
                Object[] rec = new Object[f.children().size()];
                for (int i = 0; i < rec.length; i++) {
                    Field child = f.children().get(i);
                    rec[i] = value(child, v.get(child.name()));
                }
                return rec;
            }
            case TEXT:
                return v.asText();
            case INTEGER:
                return v.longValue();
            case DECIMAL:
                return v.isTextual() ? new BigDecimal(v.asText()) : v.decimalValue();
            case BOOLEAN:
                return v.booleanValue();
            case DATE:
                return LocalDate.parse(v.asText());
            case TIMESTAMP:
                return Values.parse(v.asText(), DataType.TIMESTAMP, null);
            default:
                if (v.isTextual()) {
                    return v.asText();
                }
                if (v.isIntegralNumber()) {
                    return v.longValue();
                }
                if (v.isNumber()) {
                    return v.decimalValue();
                }
                if (v.isBoolean()) {
                    return v.booleanValue();
                }
                throw new IllegalArgumentException("unsupported any value " + v);
        }
    }

    /** @return null when equal, else a description of the difference */
    static String difference(JsonNode expected, Object actual) {
        if (expected == null || expected.isNull()) {
            return actual == null ? null : "expected null but got " + describe(actual);
        }
        if (actual == null) {
            return "expected " + expected + " but got null";
        }
        boolean same;
        if (actual instanceof BigDecimal d) {
            same = expected.isNumber() || expected.isTextual() ? d.compareTo(new BigDecimal(expected.asText())) == 0 : false;
        } else if (actual instanceof Long l) {
            same = expected.isIntegralNumber() && expected.longValue() == l;
        } else if (actual instanceof Boolean b) {
            same = expected.isBoolean() && expected.booleanValue() == b;
        } else if (actual instanceof String s) {
            same = expected.isTextual() && expected.asText().equals(s);
        } else {
            same = expected.isTextual() && expected.asText().equals(Values.format(actual));
        }
        return same ? null : "expected " + expected + " but got " + describe(actual);
    }

    private static String describe(Object v) {
        return v.getClass().getSimpleName() + " " + (v instanceof String s ? "'" + s + "'" : Values.format(v));
    }
}
