package org.mapwright.internal.connector.json;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.mapwright.core.connector.Limits;

/**
 * Turns the object or array at the parser's position into compact JSON text, for text fields
 * that meet nested data (mixed shapes, arrays of arrays). Numbers keep their literal text. The
 * result is bounded by the longest allowed field.
 */
final class TextCapture {

    private final JsonFactory factory;
    private final int maxChars;

    TextCapture(JsonFactory factory, int maxChars) {
        this.factory = factory;
        this.maxChars = maxChars;
    }

    /**
     * @param path the value's path, for the error
     * @throws ValueProblem when the text would be longer than the field limit; the parser is
     *         then somewhere inside the value
     */
    String capture(JsonParser p, String path) throws IOException, ValueProblem {
        BoundedWriter out = new BoundedWriter(maxChars);
        try (JsonGenerator g = factory.createGenerator(out)) {
            int depth = 0;
            JsonToken t = p.currentToken();
            while (true) {
                switch (t) {
                    case START_OBJECT:
                        g.writeStartObject();
                        depth++;
                        break;
                    case START_ARRAY:
                        g.writeStartArray();
                        depth++;
                        break;
                    case END_OBJECT:
                        g.writeEndObject();
                        depth--;
                        break;
                    case END_ARRAY:
                        g.writeEndArray();
                        depth--;
                        break;
                    case FIELD_NAME:
                        g.writeFieldName(p.currentName());
                        break;
                    case VALUE_STRING:
                        g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        break;
                    case VALUE_NUMBER_INT:
                    case VALUE_NUMBER_FLOAT:
                        g.writeNumber(p.getText());
                        break;
                    case VALUE_TRUE:
                        g.writeBoolean(true);
                        break;
                    case VALUE_FALSE:
                        g.writeBoolean(false);
                        break;
                    case VALUE_NULL:
                        g.writeNull();
                        break;
                    default:
                        break;
                }
                if (depth == 0) {
                    break;
                }
                t = p.nextToken();
            }
        } catch (BoundedWriter.Overflow e) {
            throw new ValueProblem("nested value is longer than " + maxChars + " characters as text " + Limits.hit(Limits.MAX_FIELD_CHARS), path);
        }
        return out.toString();
    }

    private static final class BoundedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final int max;

        BoundedWriter(int max) {
            this.max = max;
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            if ((long) text.length() + len > max) {
                throw new Overflow();
            }
            text.append(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            if ((long) text.length() + len > max) {
                throw new Overflow();
            }
            text.append(str, off, off + len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }

        static final class Overflow extends IOException {
            private static final long serialVersionUID = 1L;

            Overflow() {
                super(null, null);
            }
        }
    }
}
