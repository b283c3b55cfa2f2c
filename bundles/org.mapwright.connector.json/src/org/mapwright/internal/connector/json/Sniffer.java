package org.mapwright.internal.connector.json;

import java.io.IOException;
import java.io.PushbackReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/** Guesses the layout of a JSON file the user did not describe. */
final class Sniffer {

    private Sniffer() {
    }

    /**
     * NDJSON when the first non-blank line is one complete JSON value and more content follows;
     * otherwise an array when the file starts with {@code [}, else a document. An empty file is
     * NDJSON with no records (the usual shape of an empty export).
     */
    static JsonFormat format(Path file, Charset charset, JsonFactory factory, int maxLine) throws IOException {
        try (EncodedInput in = EncodedInput.open(file, charset)) {
            PushbackReader reader = new PushbackReader(in.reader(), 1);
            int first;
            do {
                first = reader.read();
            } while (first == ' ' || first == '\t' || first == '\r' || first == '\n');
            if (first < 0) {
                return JsonFormat.NDJSON;
            }
            reader.unread(first);
            JsonFormat whole = first == '[' ? JsonFormat.ARRAY : JsonFormat.DOCUMENT;
            LineReader lines = new LineReader(reader, maxLine);
            lines.next();
            if (lines.tooLong() || !completeValue(factory, lines)) {
                return whole;
            }
            while (lines.next()) {
                if (!lines.blank()) {
                    return JsonFormat.NDJSON;
                }
            }
            return whole;
        } catch (CharacterCodingException e) {
            // the reader reports the encoding problem with its location
            return JsonFormat.DOCUMENT;
        }
    }

    private static boolean completeValue(JsonFactory factory, LineReader lines) throws IOException {
        try (JsonParser p = factory.createParser(lines.buffer(), 0, lines.length())) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return false;
            }
            if (t.isStructStart()) {
                p.skipChildren();
            }
            return p.nextToken() == null;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * For a document whose root is an object: the first member, in document order, holding an
     * array whose first element is an object ({@code $.orders}); failing that the first such
     * array one level deeper ({@code $.data.items}); failing that {@code $}.
     */
    static RecordPath recordPath(Path file, Charset charset, JsonFactory factory) throws IOException {
        try (EncodedInput in = EncodedInput.open(file, charset); JsonParser p = factory.createParser(in.reader())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return RecordPath.ROOT;
            }
            RecordPath nested = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_ARRAY) {
                    if (arrayOfObjects(p)) {
                        return RecordPath.of(name);
                    }
                } else if (v == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = p.currentName();
                        JsonToken w = p.nextToken();
                        if (w == JsonToken.START_ARRAY) {
                            if (arrayOfObjects(p) && nested == null) {
                                nested = RecordPath.of(name, inner);
                            }
                        } else if (w.isStructStart()) {
                            p.skipChildren();
                        }
                    }
                }
            }
            return nested != null ? nested : RecordPath.ROOT;
        } catch (IOException e) {
            // the reader reports syntax and encoding errors with their location
            return RecordPath.ROOT;
        }
    }

    /** At an array start: consumes the array and tells whether its first element is an object. */
    private static boolean arrayOfObjects(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        JsonToken t = first;
        while (t != JsonToken.END_ARRAY) {
            if (t.isStructStart()) {
                p.skipChildren();
            }
            t = p.nextToken();
        }
        return first == JsonToken.START_OBJECT;
    }
}
