package org.mapwright.internal.connector.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the records of a {@link JsonFormat#DOCUMENT} are: {@code $} (the whole document) or a
 * chain of member names such as {@code $.data.items} or {@code $['odd name'].rows}. Only object
 * members are supported, not array indexes or wildcards, because the path is followed in one
 * streaming pass.
 */
public final class RecordPath {

    /** The document itself. */
    public static final RecordPath ROOT = new RecordPath(List.of());

    private final List<String> segments;

    private RecordPath(List<String> segments) {
        this.segments = List.copyOf(segments);
    }

    /** @return the path through these member names */
    public static RecordPath of(String... names) {
        return new RecordPath(List.of(names));
    }

    /**
     * Parses {@code $}, {@code $.a.b}, {@code $['a b']} or {@code $["a"]}.
     *
     * @throws IllegalArgumentException with a reason naming the position of the problem
     */
    public static RecordPath parse(String text) {
        String t = text.trim();
        if (!t.startsWith("$")) {
            throw new IllegalArgumentException("record path '" + text + "' must start with '$' (e.g. $.orders)");
        }
        List<String> names = new ArrayList<>();
        int i = 1;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < t.length() && t.charAt(end) != '.' && t.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw new IllegalArgumentException("record path '" + text + "' has an empty name at position " + (i + 1));
                }
                names.add(t.substring(i + 1, end));
                i = end;
            } else if (c == '[' && i + 1 < t.length() && (t.charAt(i + 1) == '\'' || t.charAt(i + 1) == '"')) {
                char quote = t.charAt(i + 1);
                int close = t.indexOf(quote, i + 2);
                if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ']') {
                    throw new IllegalArgumentException("record path '" + text + "' has an unclosed [" + quote + "...] at position " + (i + 1));
                }
                names.add(t.substring(i + 2, close));
                i = close + 2;
            } else {
                throw new IllegalArgumentException("record path '" + text + "' is not of the form $.name.name (unexpected '" + c
                        + "' at position " + (i + 1) + "; array indexes and wildcards are not supported)");
            }
        }
        return names.isEmpty() ? ROOT : new RecordPath(names);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** @return the member names from the document root down */
    public List<String> segments() {
        return segments;
    }

    /** @return the path of the first {@code count} segments, e.g. {@code $.data} */
    public String prefix(int count) {
        StringBuilder b = new StringBuilder("$");
        for (int i = 0; i < count; i++) {
            JsonPaths.appendName(b, segments.get(i));
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordPath p && p.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    /** @return the canonical text, which {@link #parse(String)} reads back */
    @Override
    public String toString() {
        return prefix(segments.size());
    }
}
