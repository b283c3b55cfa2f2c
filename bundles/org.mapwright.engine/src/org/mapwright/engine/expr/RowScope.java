package org.mapwright.engine.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mapwright.core.Field;
import org.mapwright.core.Schema;

/**
 * A {@link Scope} that lays the top-level fields of several sources side by side into one row:
 * the first added schema occupies slots {@code 0..n-1}, the next starts at {@link #offset(String)}
 * {@code n}, and so on. The engine copies each source record into its slot range.
 *
 * <p>Resolution rules, in order:
 * <ol>
 * <li>{@code qualifier.field[.child...]} names a field of that source;</li>
 * <li>{@code field[.child...]} without qualifier names the field of whichever source has it;
 *     when several sources have it, resolution fails naming every qualified candidate;</li>
 * <li>names are matched exactly, or else ignoring case when exactly one name matches that way;</li>
 * <li>a path may not pass through a repeated field (its value is a list, not a record).</li>
 * </ol>
 * Names containing spaces or other characters are written quoted in expressions
 * ({@code "first name"}); the scope receives them unquoted.
 *
 * <p>Immutable and thread-safe.
 */
public final class RowScope implements Scope {

    private final List<Source> sources;
    private final int slotCount;
    private final List<String> names;

    private record Source(String qualifier, Schema schema, int offset) {
    }

    private RowScope(List<Source> sources) {
        this.sources = List.copyOf(sources);
        int slots = 0;
        for (Source s : sources) {
            slots += s.schema.size();
        }
        this.slotCount = slots;
        this.names = Collections.unmodifiableList(computeNames());
    }

    /** @return a builder for a scope with no sources yet */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a scope over a single unqualified schema, slots in schema order */
    public static RowScope of(Schema schema) {
        return builder().add(null, schema).build();
    }

    /** Collects sources in slot order. */
    public static final class Builder {
        private final List<Source> sources = new ArrayList<>();
        private int next;

        private Builder() {
        }

        /**
         * Appends a source's top-level fields at the next free slots.
         *
         * @param qualifier the name that qualifies references ({@code orders.amount}); null or empty
         *                  for a source whose fields are referenced unqualified only
         * @throws IllegalArgumentException if the qualifier was already added
         */
        public Builder add(String qualifier, Schema schema) {
            Objects.requireNonNull(schema, "schema");
            String q = qualifier == null || qualifier.isEmpty() ? null : qualifier;
            if (q != null) {
                for (Source s : sources) {
                    if (q.equals(s.qualifier)) {
                        throw new IllegalArgumentException("qualifier '" + q + "' added twice");
                    }
                }
            }
            sources.add(new Source(q, schema, next));
            next += schema.size();
            return this;
        }

        public RowScope build() {
            return new RowScope(sources);
        }
    }

    /**
     * @return the first slot of the source added with this qualifier (null for an unqualified one;
     *         the first such source)
     * @throws IllegalArgumentException if no source has this qualifier
     */
    public int offset(String qualifier) {
        String q = qualifier == null || qualifier.isEmpty() ? null : qualifier;
        for (Source s : sources) {
            if (Objects.equals(q, s.qualifier)) {
                return s.offset;
            }
        }
        throw new IllegalArgumentException("no source '" + qualifier + "' in this scope");
    }

    /** @return the qualifiers in slot order (null entries for unqualified sources) */
    public List<String> qualifiers() {
        List<String> out = new ArrayList<>();
        for (Source s : sources) {
            out.add(s.qualifier);
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public int slotCount() {
        return slotCount;
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public Resolution resolve(List<String> path) {
        if (path == null || path.isEmpty()) {
            return Resolution.notFound();
        }
        if (path.size() > 1) {
            Source qualified = sourceNamed(path.get(0));
            if (qualified != null) {
                Resolution r = resolveIn(qualified, path.subList(1, path.size()));
                if (r.isFound() || r.problem() != null) {
                    return r;
                }
            }
        }
        Resolution found = null;
        Resolution problem = null;
        List<String> candidates = new ArrayList<>();
        for (Source s : sources) {
            Hit hit = lookIn(s, path);
            Resolution r = hit.resolution;
            if (r.isFound()) {
                List<String> segs = new ArrayList<>();
                if (s.qualifier != null) {
                    segs.add(s.qualifier);
                }
                segs.addAll(hit.names);
                candidates.add(ExpressionTokens.quotePath(segs));
                if (found == null) {
                    found = r;
                }
            } else if (r.problem() != null && problem == null) {
                problem = r;
            }
        }
        if (candidates.size() > 1) {
            return Resolution.failed("ambiguous field `" + ExpressionTokens.quotePath(path) + "`: "
                    + String.join(" or ", candidates.stream().map(c -> "`" + c + "`").toList())
                    + " — qualify it with its source name");
        }
        if (found != null) {
            return found;
        }
        return problem != null ? problem : Resolution.notFound();
    }

    private Source sourceNamed(String name) {
        for (Source s : sources) {
            if (name.equals(s.qualifier)) {
                return s;
            }
        }
        Source match = null;
        for (Source s : sources) {
            if (s.qualifier != null && name.equalsIgnoreCase(s.qualifier)) {
                if (match != null) {
                    return null;
                }
                match = s;
            }
        }
        return match;
    }

    private record Hit(Resolution resolution, List<String> names) {
    }

    private static Resolution resolveIn(Source source, List<String> path) {
        return lookIn(source, path).resolution;
    }

    private static Hit lookIn(Source source, List<String> path) {
        List<Field> level = source.schema.fields();
        List<Integer> childPath = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int slot = -1;
        Field field = null;
        for (int i = 0; i < path.size(); i++) {
            if (field != null) {
                if (field.repeated()) {
                    return miss(Resolution.failed("`" + String.join(".", names) + "` is repeated (a list), so `"
                            + path.get(i) + "` cannot be read from it directly"));
                }
                if (!field.isRecord()) {
                    return i == 1 ? miss(Resolution.notFound())
                            : miss(Resolution.failed("`" + String.join(".", names) + "` is " + field.type().id()
                                    + ", not a record, and has no field `" + path.get(i) + "`"));
                }
            }
            int index = indexOf(level, path.get(i));
            if (index < 0) {
                return miss(Resolution.notFound());
            }
            field = level.get(index);
            names.add(field.name());
            if (i == 0) {
                slot = source.offset + index;
            } else {
                childPath.add(index);
            }
            level = field.children();
        }
        return new Hit(Resolution.found(new FieldRef(source.qualifier, field.id(), String.join(".", names), slot,
                childPath, field.type(), field.repeated())), names);
    }

    private static Hit miss(Resolution r) {
        return new Hit(r, List.of());
    }

    private static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        int match = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(name)) {
                if (match >= 0) {
                    return -1;
                }
                match = i;
            }
        }
        return match;
    }

    private List<String> computeNames() {
        Map<String, Integer> unqualifiedCount = new LinkedHashMap<>();
        List<List<String>> perSource = new ArrayList<>();
        for (Source s : sources) {
            List<String> paths = new ArrayList<>();
            collect(s.schema.fields(), new ArrayList<>(), paths);
            perSource.add(paths);
            for (String p : paths) {
                unqualifiedCount.merge(p, 1, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : unqualifiedCount.entrySet()) {
            if (e.getValue() == 1) {
                out.add(e.getKey());
            }
        }
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            if (s.qualifier != null) {
                for (String p : perSource.get(i)) {
                    out.add(ExpressionTokens.quoteIdentifier(s.qualifier) + "." + p);
                }
            }
        }
        return out;
    }

    private static void collect(List<Field> fields, List<String> prefix, List<String> out) {
        for (Field f : fields) {
            List<String> segs = new ArrayList<>(prefix);
            segs.add(f.name());
            out.add(ExpressionTokens.quotePath(segs));
            if (f.isRecord() && !f.repeated()) {
                collect(f.children(), segs, out);
            }
        }
    }

    @Override
    public String toString() {
        return "RowScope" + qualifiers() + "(" + slotCount + " slots)";
    }
}
