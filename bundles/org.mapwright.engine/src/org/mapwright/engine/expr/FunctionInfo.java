package org.mapwright.engine.expr;

import java.util.List;
import java.util.Objects;

import org.mapwright.core.DataType;

/**
 * What a function is, for content assist, the palette and the reference page. Pure metadata; the
 * implementation is bound by the compiler.
 *
 * @param name          lower-case name, e.g. {@code "round"}
 * @param aliases       other accepted names, e.g. {@code ["substring"]} for {@code substr}
 * @param category      palette group
 * @param signatures    accepted argument lists, most common first
 * @param aggregate     whether it aggregates rows of a group ({@code sum}, {@code count}...)
 * @param deterministic false when equal arguments can give different results ({@code now()},
 *                      {@code uuid()})
 * @param doc           one sentence: what it returns
 * @param example       a call and its result, e.g. {@code round(2.345, 2) → 2.35}
 */
public record FunctionInfo(String name, List<String> aliases, FunctionCategory category, List<Signature> signatures,
        boolean aggregate, boolean deterministic, String doc, String example) {

    public FunctionInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(example, "example");
        aliases = List.copyOf(aliases == null ? List.of() : aliases);
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("function " + name + " has no signature");
        }
    }

    /** @return the smallest number of arguments any signature accepts */
    public int minArity() {
        int min = Integer.MAX_VALUE;
        for (Signature s : signatures) {
            min = Math.min(min, s.params().size());
        }
        return min;
    }

    /** @return the largest number of arguments any signature accepts, or -1 when variadic */
    public int maxArity() {
        int max = 0;
        for (Signature s : signatures) {
            if (s.variadic()) {
                return -1;
            }
            max = Math.max(max, s.params().size());
        }
        return max;
    }

    /**
     * One accepted argument list.
     *
     * @param params   parameters in order; for a variadic signature the last one may repeat
     *                 (it appears at least once)
     * @param variadic whether the last parameter repeats
     * @param returns  result type; {@link DataType#ANY} when it depends on the arguments (see doc)
     */
    public record Signature(List<Param> params, boolean variadic, DataType returns) {

        public Signature {
            params = List.copyOf(params);
            Objects.requireNonNull(returns, "returns");
            if (variadic && params.isEmpty()) {
                throw new IllegalArgumentException("a variadic signature needs a parameter");
            }
        }

        /** @return e.g. {@code round(value decimal, digits integer) → decimal} */
        public String render(String name) {
            StringBuilder sb = new StringBuilder(name).append('(');
            for (int i = 0; i < params.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                Param p = params.get(i);
                sb.append(p.name()).append(' ').append(p.type().id());
                if (variadic && i == params.size() - 1) {
                    sb.append(", ...");
                }
            }
            return sb.append(") → ").append(returns.id()).toString();
        }
    }

    /**
     * One parameter.
     *
     * @param name what it means, e.g. {@code "pattern"}
     * @param type accepted type; {@link DataType#ANY} for any type (see doc), {@link DataType#DECIMAL}
     *             also accepts integers
     */
    public record Param(String name, DataType type) {
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }
}
