package org.mapwright.internal.engine.run;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.mapwright.core.DataType;
import org.mapwright.core.RuleDef;
import org.mapwright.core.SourceDef;
import org.mapwright.core.value.Values;

/**
 * A quality rule prepared at compile time: settings parsed to the target field's type, the
 * pattern compiled. {@link #newCheck} creates the per-run checker (which holds the state of
 * {@code unique}).
 *
 * <p>Semantics: {@code not-null} is violated by null and by text that is empty or blank; every
 * other rule ignores null values (as SQL constraints do). Text comparisons are exact.
 */
public final class RuleSpec {

    private final RuleDef def;
    private final TargetPath path;
    private final Object min;
    private final Object max;
    private final Pattern pattern;
    private final Set<Object> allowed;
    private final String allowedText;
    private final SourceDef referenceSource;
    private final String referenceField;

    private RuleSpec(RuleDef def, TargetPath path, Object min, Object max, Pattern pattern, Set<Object> allowed,
            String allowedText, SourceDef referenceSource, String referenceField) {
        this.def = def;
        this.path = path;
        this.min = min;
        this.max = max;
        this.pattern = pattern;
        this.allowed = allowed;
        this.allowedText = allowedText;
        this.referenceSource = referenceSource;
        this.referenceField = referenceField;
    }

    public RuleDef def() {
        return def;
    }

    public TargetPath path() {
        return path;
    }

    /** @return the source a reference rule checks against, or null */
    public SourceDef referenceSource() {
        return referenceSource;
    }

    /** @return the field name of the reference source, or null */
    public String referenceField() {
        return referenceField;
    }

    /** Thrown by {@link #compile} with a reason and hint for the Problems view. */
    public static final class InvalidRule extends Exception {
        private static final long serialVersionUID = 1L;
        private final String hint;

        InvalidRule(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    /**
     * @param referenceSource for REFERENCE rules, the resolved source (null otherwise)
     * @throws InvalidRule when the settings do not fit the rule kind or the field's type
     */
    public static RuleSpec compile(RuleDef def, TargetPath path, SourceDef referenceSource) throws InvalidRule {
        DataType type = path.field().type();
        switch (def.kind()) {
            case NOT_NULL:
            case UNIQUE:
                return new RuleSpec(def, path, null, null, null, null, null, null, null);
            case RANGE: {
                if (type == DataType.BOOLEAN || type == DataType.RECORD || type == DataType.ANY) {
                    throw new InvalidRule("a range rule needs a text, number, date or timestamp field, not " + type.id(), null);
                }
                Object lo = bound(def, "min", type);
                Object hi = bound(def, "max", type);
                if (lo == null && hi == null) {
                    throw new InvalidRule("a range rule needs a 'min' or a 'max' setting", "set min, max or both");
                }
                return new RuleSpec(def, path, lo, hi, null, null, null, null, null);
            }
            case REGEX: {
                String p = def.settings().getString("pattern", null);
                if (p == null || p.isEmpty()) {
                    throw new InvalidRule("a regex rule needs a 'pattern' setting", "e.g. ^[A-Z]{2}$");
                }
                try {
                    return new RuleSpec(def, path, null, null, Pattern.compile(p), null, null, null, null);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new InvalidRule("invalid pattern: " + e.getDescription() + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : ""),
                            "see java.util.regex.Pattern syntax");
                }
            }
            case ALLOWED: {
                String values = def.settings().getString("values", null);
                if (values == null || values.isBlank()) {
                    throw new InvalidRule("an allowed-values rule needs a 'values' setting (comma separated)", "e.g. A,B,C");
                }
                Set<Object> set = new HashSet<>();
                List<String> shown = new ArrayList<>();
                for (String v : values.split(",", -1)) {
                    String t = v.trim();
                    try {
                        Object parsed = Values.parse(t, type == DataType.ANY ? DataType.TEXT : type, path.field().format());
                        set.add(Keys.normalize(parsed));
                        shown.add(t);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidRule("allowed value " + e.getMessage(), "list values of the field's type " + type.id());
                    }
                }
                return new RuleSpec(def, path, null, null, null, set, String.join(", ", shown), null, null);
            }
            case REFERENCE: {
                String field = def.settings().getString("field", null);
                if (referenceSource == null) {
                    throw new InvalidRule("a reference rule needs a 'source' setting naming a source of the project",
                            "set source to a source name or id");
                }
                if (field == null || referenceSource.schema().byPath(field).isEmpty()) {
                    throw new InvalidRule("source '" + referenceSource.name() + "' has no field '" + field + "'",
                            "set field to one of: " + String.join(", ", referenceSource.schema().fields().stream().map(f -> f.name()).toList()));
                }
                if (referenceSource.schema().indexOf(referenceSource.schema().byPath(field).get().id()) < 0) {
                    throw new InvalidRule("reference field '" + field + "' must be a top-level field", null);
                }
                return new RuleSpec(def, path, null, null, null, null, null, referenceSource, field);
            }
            default:
                throw new InvalidRule("unknown rule kind " + def.kind(), null);
        }
    }

    private static Object bound(RuleDef def, String key, DataType type) throws InvalidRule {
        Object raw = def.settings().asMap().get(key);
        if (raw == null) {
            return null;
        }
        try {
            Object v = Values.parse(raw instanceof BigDecimal d ? d.toPlainString() : raw.toString(), type, null);
            return v instanceof Long l ? BigDecimal.valueOf(l) : v;
        } catch (IllegalArgumentException e) {
            throw new InvalidRule(key + " " + e.getMessage(), "give " + key + " as " + Coercion.article(type));
        }
    }

    /**
     * @param referenceValues for a reference rule, whether a normalized value occurs in the referenced field; else ignored
     * @return a fresh checker for one run
     */
    public Check newCheck(Predicate<Object> referenceValues, long maxUniqueValues) {
        return new Check(referenceValues, maxUniqueValues);
    }

    /** The run-time checker of one rule. Not thread-safe. */
    public final class Check {
        private final Set<Object> seen;
        private final Predicate<Object> references;
        private final long maxUnique;
        private long violations;

        Check(Predicate<Object> references, long maxUnique) {
            this.seen = def.kind() == RuleDef.Kind.UNIQUE ? new HashSet<>() : null;
            this.references = references;
            this.maxUnique = maxUnique;
        }

        public RuleSpec spec() {
            return RuleSpec.this;
        }

        public long violations() {
            return violations;
        }

        /** @return the reason the value violates the rule, or null; counts violations */
        public String check(Object[] target) {
            String reason = reason(path.get(target));
            if (reason != null) {
                violations++;
            }
            return reason;
        }

        /**
         * Records a written row's value (for unique).
         *
         * @throws LimitExceeded when the unique rule would remember more values than allowed
         */
        public void accept(Object[] target) throws LimitExceeded {
            if (seen != null) {
                Object v = path.get(target);
                if (v != null) {
                    seen.add(Keys.normalize(v));
                    if (seen.size() > maxUnique) {
                        throw new LimitExceeded("unique rule '" + def.id() + "' would remember more than " + maxUnique
                                + " distinct values (limit maxUniqueValues)");
                    }
                }
            }
        }

        @SuppressWarnings("unchecked")
        private String reason(Object v) {
            switch (def.kind()) {
                case NOT_NULL:
                    if (v == null) {
                        return "is null";
                    }
                    return v instanceof String s && s.isBlank() ? "is empty" : null;
                case UNIQUE:
                    return v != null && seen.contains(Keys.normalize(v)) ? "duplicate value '" + Values.format(v) + "'" : null;
                case RANGE:
                    if (v == null) {
                        return null;
                    }
                    Object c = v instanceof Long l ? BigDecimal.valueOf(l) : v;
                    if (min != null && ((Comparable<Object>) c).compareTo(min) < 0) {
                        return "'" + Values.format(v) + "' is below the minimum " + Values.format(min);
                    }
                    if (max != null && ((Comparable<Object>) c).compareTo(max) > 0) {
                        return "'" + Values.format(v) + "' is above the maximum " + Values.format(max);
                    }
                    return null;
                case REGEX:
                    if (v == null) {
                        return null;
                    }
                    String text = Values.format(v);
                    return pattern.matcher(text).matches() ? null : "'" + text + "' does not match " + pattern.pattern();
                case ALLOWED:
                    return v == null || allowed.contains(Keys.normalize(v)) ? null
                            : "'" + Values.format(v) + "' is not one of " + allowedText;
                case REFERENCE:
                    return v == null || references.test(Keys.normalize(v)) ? null
                            : "'" + Values.format(v) + "' not found in " + referenceSource.name() + "." + referenceField;
                default:
                    return null;
            }
        }
    }

    /** @return a short description, e.g. {@code "range(email)"} */
    public String describe() {
        return def.kind().id() + "(" + path.displayPath() + ")";
    }
}
