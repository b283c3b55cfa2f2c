package org.mapwright.core.infer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns raw header cells into field names that a {@link org.mapwright.core.Schema} accepts. Every
 * reader of a source with a header row and the inference of that source must use the same rule,
 * or the fields a mapping was drawn against would not be found again.
 */
public final class ColumnNames {

    private ColumnNames() {
    }

    /** @return the name of a column without header, {@code column_1} for index 0 */
    public static String positional(int index) {
        return "column_" + (index + 1);
    }

    /**
     * Normalizes header cells: surrounding whitespace is trimmed, a null or blank cell becomes
     * {@link #positional(int)}, and a repeated name (compared case-insensitively, because many
     * targets are) gets a suffix {@code _2}, {@code _3}, ... that is itself unique.
     *
     * @param raw header cells in column order; elements may be null
     * @return unique, non-blank names in the same order
     */
    public static List<String> normalize(List<String> raw) {
        List<String> names = new ArrayList<>(raw.size());
        Set<String> taken = new HashSet<>();
        List<String> base = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String s = raw.get(i);
            s = s == null ? "" : s.strip();
            base.add(s.isEmpty() ? positional(i) : s);
        }
        // Reserve every plain name first so a later "a" keeps its name and an earlier duplicate is renamed
        // around it only when it repeats: "a,a_2,a" must not produce "a_2" twice.
        Set<String> plain = new HashSet<>();
        for (String b : base) {
            plain.add(key(b));
        }
        for (String b : base) {
            String name = b;
            if (!taken.add(key(name))) {
                int n = 2;
                do {
                    name = b + "_" + n++;
                } while (plain.contains(key(name)) || !taken.add(key(name)));
            }
            names.add(name);
        }
        return names;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
