package org.mapwright.internal.connector.json;

import java.util.ArrayDeque;
import java.util.Deque;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/** JSONPath-like names of values ({@code $.items[2].price}) for error locations. */
final class JsonPaths {

    /** Paths into deeply nested input are shortened in the middle to stay readable. */
    private static final int MAX_PATH_CHARS = 120;

    private JsonPaths() {
    }

    /**
     * @param base the context that holds the record (the record itself is {@code $})
     * @return the path of the parser's current value relative to its record
     */
    static String of(JsonParser p, JsonStreamContext base) {
        JsonStreamContext c = p.getParsingContext();
        JsonToken t = p.currentToken();
        if (c != null && t != null && t.isStructStart()) {
            // the start token already opened a context of its own; the value's position is in the parent
            c = c.getParent();
        }
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        while (c != null && c != base && !c.inRoot()) {
            chain.push(c);
            c = c.getParent();
        }
        StringBuilder b = new StringBuilder("$");
        for (JsonStreamContext ctx : chain) {
            if (ctx.inArray()) {
                b.append('[').append(ctx.getCurrentIndex()).append(']');
            } else if (ctx.getCurrentName() != null) {
                appendName(b, ctx.getCurrentName());
            }
        }
        return b.length() <= MAX_PATH_CHARS ? b.toString()
                : b.substring(0, MAX_PATH_CHARS / 2) + "..." + b.substring(b.length() - MAX_PATH_CHARS / 2);
    }

    /** Appends {@code .name}, or {@code ['name']} when the name is not a plain identifier. */
    static void appendName(StringBuilder b, String name) {
        if (isIdentifier(name)) {
            b.append('.').append(name);
        } else {
            b.append("['").append(name.replace("\\", "\\\\").replace("'", "\\'")).append("']");
        }
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
