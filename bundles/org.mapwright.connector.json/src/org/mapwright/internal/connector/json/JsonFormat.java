package org.mapwright.internal.connector.json;

import java.util.Locale;

/** How records are laid out in a JSON source or output file. */
public enum JsonFormat {
    /** A top-level array whose elements are the records. */
    ARRAY,
    /** One JSON value per line (JSON Lines / NDJSON). */
    NDJSON,
    /** One document; the records are found at a record path. */
    DOCUMENT;

    /** @return the name used in settings, e.g. {@code "ndjson"} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the format named {@code text} (any case), or null if there is none */
    public static JsonFormat parse(String text) {
        for (JsonFormat f : values()) {
            if (f.id().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        return null;
    }
}
