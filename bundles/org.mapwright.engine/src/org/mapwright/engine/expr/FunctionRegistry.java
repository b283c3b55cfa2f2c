package org.mapwright.engine.expr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The set of functions expressions may call. Immutable and thread-safe. Get the full library
 * from {@link Functions#standard()}; restrict it with {@link #filter(Predicate)} (for example no
 * aggregates in filters, or only deterministic functions).
 *
 * <p>A registry selects among the functions the compiler implements; a {@link FunctionInfo} for a
 * name the compiler does not implement makes calls to it a compile error.
 */
public final class FunctionRegistry {

    private final List<FunctionInfo> functions;
    private final Map<String, FunctionInfo> byName;

    private FunctionRegistry(Collection<FunctionInfo> infos) {
        List<FunctionInfo> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparing(FunctionInfo::category).thenComparing(FunctionInfo::name));
        this.functions = Collections.unmodifiableList(sorted);
        Map<String, FunctionInfo> map = new LinkedHashMap<>();
        for (FunctionInfo f : sorted) {
            register(map, f.name(), f);
            for (String alias : f.aliases()) {
                register(map, alias, f);
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    private static void register(Map<String, FunctionInfo> map, String name, FunctionInfo f) {
        FunctionInfo old = map.put(name.toLowerCase(Locale.ROOT), f);
        if (old != null) {
            throw new IllegalArgumentException("function name '" + name + "' is defined twice");
        }
    }

    /**
     * @throws IllegalArgumentException if two functions share a name or alias
     */
    public static FunctionRegistry of(Collection<FunctionInfo> functions) {
        return new FunctionRegistry(functions);
    }

    /** @return the function with this name or alias, ignoring case */
    public Optional<FunctionInfo> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** @return all functions ordered by category, then name */
    public List<FunctionInfo> functions() {
        return functions;
    }

    /** @return every callable name (names and aliases), lower case */
    public Collection<String> names() {
        return byName.keySet();
    }

    /** @return the functions of one category, ordered by name */
    public List<FunctionInfo> inCategory(FunctionCategory category) {
        List<FunctionInfo> out = new ArrayList<>();
        for (FunctionInfo f : functions) {
            if (f.category() == category) {
                out.add(f);
            }
        }
        return out;
    }

    /** @return a registry with only the functions that pass the test */
    public FunctionRegistry filter(Predicate<FunctionInfo> keep) {
        List<FunctionInfo> out = new ArrayList<>();
        for (FunctionInfo f : functions) {
            if (keep.test(f)) {
                out.add(f);
            }
        }
        return new FunctionRegistry(out);
    }
}
