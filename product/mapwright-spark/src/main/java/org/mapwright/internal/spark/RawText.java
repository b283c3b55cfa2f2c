package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;

/**
 * The raw input of a rejected record as the local rejects file shows it: the source's values
 * joined as one CSV line, nested records and lists as compact JSON with the fields' names.
 */
final class RawText {

    private RawText() {
    }

    /** @return one value of the line: empty for null, quoted when it must be */
    static Column cell(Column raw, Field f) {
        Column text = f.isRecord() || f.repeated() ? functions.udf(new Json(Shape.of(f)), DataTypes.StringType).apply(raw) : raw;
        Column quoted = Sources.quote(text);
        return when(text.isNull(), lit("")).when(text.rlike("^ | \\z|[,\"\\n\\r]"), quoted).otherwise(text);
    }

    /** The names and types of a field tree, for rendering on the executors. */
    record Shape(String name, DataType type, boolean repeated, List<Shape> children) implements Serializable {
        static Shape of(Field f) {
            List<Shape> kids = new ArrayList<>();
            for (Field c : f.children()) {
                kids.add(of(c));
            }
            return new Shape(f.name(), f.type(), f.repeated(), kids);
        }
    }

    /** Renders raw JSON values (text leaves) like the local rejects file renders the reader's values. */
    static final class Json implements UDF1<Object, String> {
        private static final long serialVersionUID = 1L;
        private final Shape shape;

        Json(Shape shape) {
            this.shape = shape;
        }

        @Override
        public String call(Object v) {
            if (v == null) {
                return null;
            }
            StringBuilder b = new StringBuilder();
            render(b, v, shape, false);
            return b.toString();
        }

        private static void render(StringBuilder b, Object v, Shape s, boolean element) {
            if (v == null) {
                b.append("null");
            } else if (s.repeated() && !element) {
                b.append('[');
                int i = 0;
                for (Object e : list(v)) {
                    b.append(i++ > 0 ? "," : "");
                    render(b, e, s, true);
                }
                b.append(']');
            } else if (v instanceof Row r) {
                b.append('{');
                for (int i = 0; i < r.size(); i++) {
                    b.append(i > 0 ? "," : "");
                    Shape c = i < s.children().size() ? s.children().get(i) : null;
                    string(b, c == null ? "field" + (i + 1) : c.name());
                    b.append(':');
                    render(b, r.get(i), c == null ? new Shape("", DataType.TEXT, false, List.of()) : c, false);
                }
                b.append('}');
            } else {
                String t = v.toString();
                boolean number = (s.type() == DataType.INTEGER || s.type() == DataType.DECIMAL)
                        && t.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
                boolean bool = s.type() == DataType.BOOLEAN && (t.equals("true") || t.equals("false"));
                if (number || bool) {
                    b.append(t.toLowerCase(Locale.ROOT));
                } else {
                    string(b, t);
                }
            }
        }

        private static Iterable<?> list(Object v) {
            if (v instanceof scala.collection.Seq<?> seq) {
                return scala.jdk.javaapi.CollectionConverters.asJava(seq);
            }
            if (v instanceof List<?> l) {
                return l;
            }
            return List.of(v);
        }

        private static void string(StringBuilder b, String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            b.append('"');
        }
    }
}
