package org.mapwright.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.infer.SchemaIds;
import org.mapwright.core.value.Values;
import org.mapwright.internal.drift.NameSimilarity;

/**
 * Compares the structure a source was mapped against with a fresh inspection, by path, for flat
 * and nested (JSON) structures alike. Stateless apart from its settings; thread-safe.
 *
 * <h2>How fields are matched</h2>
 * <ol>
 * <li>Same name, level by level, exactly as {@link SchemaIds#carryOver} keeps ids when the
 *     workbench re-inspects a source (exact name, else the only case-insensitive match).
 *     A case-only difference is still reported as a rename, with confidence 1.</li>
 * <li>Every remaining stored field is scored against every remaining current field of the same
 *     shape (record or scalar). The score weighs the <em>name</em> (case, separators, word
 *     tokens with abbreviations such as {@code cust}/{@code customer}, edit distance), the
 *     <em>type</em> (same type; or the stored type still parses the sampled values; or a
 *     widening), the <em>position</em> (between the same matched neighbours, same index) and,
 *     when available, the <em>values</em>: overlap of the stored field's earlier sample values
 *     (a baseline the caller passes, e.g. from the first inspection or a profile) with the
 *     current samples, or for records the overlap of their child names. Pairs are taken
 *     best-first, one to one; a pair is kept when it scores at least the minimum confidence.
 *     A close second candidate lowers the confidence and is named in the reasons. When the
 *     names differ but the values agree (at least {@value #MIN_SHARED_VALUES} distinct sampled
 *     values in common, most of the smaller sample), the values carry the match on their own:
 *     the score is then at least what the overlap and the type say, so a column renamed to an
 *     unrelated word is still proposed with a confidence that reflects its values.</li>
 * <li>Fields of the same name below a matched pair of records follow that pair.</li>
 * </ol>
 * A match under the same parent is a rename, under another parent a move. Types are compared for
 * every matched field; a different inferred type is only reported when the stored type (with its
 * format) no longer parses the sampled values (a tenth of stray values aside: bad data the run
 * rejects as before), or when no samples tell.
 */
public final class SchemaDiffer {

    /** Default minimum confidence for a rename or move to be proposed at all. */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;

    private static final double W_NAME = 0.45;
    private static final double W_TYPE = 0.15;
    private static final double W_POSITION = 0.15;
    private static final double W_VALUES = 0.25;
    private static final double CLOSE = 0.1;
    private static final int MAX_EXAMPLES = 3;
    /** Share of distinct sampled values the stored type may fail to parse and still count as reading them. */
    private static final double STRAY_SHARE = 0.1;
    /**
     * Distinct values both samples must share before their overlap alone can carry a rename:
     * yes/no or 0/1 columns overlap with any other such column.
     */
    private static final int MIN_SHARED_VALUES = 3;

    private final double minConfidence;
    private final Ids ids;

    /** A differ with {@link #DEFAULT_MIN_CONFIDENCE} and random ids for new fields. */
    public SchemaDiffer() {
        this(DEFAULT_MIN_CONFIDENCE, new Ids());
    }

    /**
     * @param minConfidence pairs scoring below this (0..1) are reported as removed plus added
     * @param ids           source of ids for new fields whose inspected id collides with a stored one
     */
    public SchemaDiffer(double minConfidence, Ids ids) {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minConfidence must be in 0..1, not " + minConfidence);
        }
        this.minConfidence = minConfidence;
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** Compares without any sampled values. */
    public SchemaDiff diff(Schema stored, Schema current) {
        return diff(stored, new Inspection(Settings.empty(), current, Map.of(), 0, false, List.of()), Map.of());
    }

    /**
     * @param stored     the structure the source was mapped against
     * @param inspection a fresh inspection (its evidence samples are used for type and value checks)
     * @param baseline   earlier sample values per stored field id (may be empty): with them,
     *                   renames are also recognised by their values
     */
    public SchemaDiff diff(Schema stored, Inspection inspection, Map<String, List<String>> baseline) {
        Inspection carried = SchemaIds.carryOver(inspection, stored, ids);
        // carryOver copies the stored key flags; whether the source itself reports keys is read before that
        Set<String> keyPaths = new HashSet<>();
        for (Field f : inspection.schema().allFields()) {
            if (f.key()) {
                keyPaths.add(inspection.schema().pathOf(f.id()).orElseThrow());
            }
        }
        return new Run(stored, carried.schema(), carried.evidence(), baseline == null ? Map.of() : baseline, keyPaths).diff();
    }

    /** A field with where it sits. */
    private record Node(Field field, String parentId, int index, List<Field> siblings, String path) {
        String id() {
            return field.id();
        }
    }

    private record Candidate(Node stored, Node current, double score, List<String> reasons) {
    }

    /** The state of one comparison. */
    private final class Run {
        private final Schema stored;
        private final Schema current;
        private final Map<String, FieldEvidence> evidence;
        private final Map<String, List<String>> baseline;
        private final Map<String, Node> old = new LinkedHashMap<>();
        private final Map<String, Node> now = new LinkedHashMap<>();
        /** stored id → current id, for every matched field. */
        private final Map<String, String> pairs = new HashMap<>();
        private final Map<String, SchemaDiff.Match> matchKind = new HashMap<>();
        private final Map<String, String> owner = new HashMap<>();
        private final Set<String> keyPaths;

        Run(Schema stored, Schema current, Map<String, FieldEvidence> evidence, Map<String, List<String>> baseline,
                Set<String> keyPaths) {
            this.keyPaths = keyPaths;
            this.stored = stored;
            this.current = current;
            this.evidence = evidence;
            this.baseline = baseline;
            index(stored.fields(), null, "", old);
            index(current.fields(), null, "", now);
        }

        private void index(List<Field> fields, String parent, String prefix, Map<String, Node> into) {
            for (int i = 0; i < fields.size(); i++) {
                Field f = fields.get(i);
                String path = prefix + f.name();
                into.put(f.id(), new Node(f, parent, i, fields, path));
                index(f.children(), f.id(), path + ".", into);
            }
        }

        SchemaDiff diff() {
            for (String id : now.keySet()) {
                if (old.containsKey(id)) {
                    pairs.put(id, id);
                    matchKind.put(id, SchemaDiff.Match.EXACT);
                }
            }
            List<Node> looseOld = old.values().stream().filter(n -> !pairs.containsKey(n.id())).toList();
            List<Node> looseNow = now.values().stream().filter(n -> !old.containsKey(n.id())).toList();
            List<Candidate> all = new ArrayList<>();
            for (Node o : looseOld) {
                for (Node c : looseNow) {
                    if (o.field().isRecord() == c.field().isRecord()) {
                        all.add(score(o, c));
                    }
                }
            }
            List<Candidate> ranked = new ArrayList<>(all);
            ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
            Set<String> usedNow = new HashSet<>();
            Map<String, Candidate> picked = new LinkedHashMap<>();
            for (Candidate c : ranked) {
                if (c.score() < minConfidence) {
                    break;
                }
                if (pairs.containsKey(c.stored().id()) || usedNow.contains(c.current().id())) {
                    continue;
                }
                pairs.put(c.stored().id(), c.current().id());
                matchKind.put(c.stored().id(), SchemaDiff.Match.GUESSED);
                owner.put(c.stored().id(), c.stored().id());
                usedNow.add(c.current().id());
                picked.put(c.stored().id(), c);
                if (c.stored().field().isRecord()) {
                    follow(c.stored().field().children(), c.current().field().children(), c.stored().id(), usedNow, picked);
                }
            }
            // A guess whose parents ended up matched and whose name is the same only follows its parent.
            for (Candidate c : List.copyOf(picked.values())) {
                String sp = c.stored().parentId();
                String cp = c.current().parentId();
                if (sp != null && cp != null && cp.equals(pairs.get(sp)) && owner.get(sp) != null
                        && c.stored().field().name().equals(c.current().field().name())) {
                    matchKind.put(c.stored().id(), SchemaDiff.Match.IMPLIED);
                    reown(c.stored().id(), owner.get(sp));
                    picked.remove(c.stored().id());
                }
            }

            List<FieldChange> changes = new ArrayList<>();
            List<SchemaDiff.Pair> result = new ArrayList<>();
            Map<String, String> currentToStored = new HashMap<>();
            pairs.forEach((s, c) -> currentToStored.put(c, s));
            boolean currentHasKeys = !keyPaths.isEmpty();
            for (Node c : now.values()) {
                String sid = currentToStored.get(c.id());
                if (sid == null) {
                    if (c.parentId() == null || currentToStored.containsKey(c.parentId())) {
                        changes.add(added(c));
                    }
                    continue;
                }
                Node s = old.get(sid);
                Candidate guess = picked.get(sid);
                if (guess != null) {
                    changes.add(matched(s, c, guess, all));
                } else if (matchKind.get(sid) == SchemaDiff.Match.EXACT && !s.field().name().equals(c.field().name())) {
                    changes.add(new FieldChange(FieldChange.Kind.RENAMED, sid, s.path(), c.path(), s.field().type(), c.field().type(),
                            s.field().format(), c.field().format(), null, null, 1.0, List.of("same name ignoring case")));
                }
                boolean keep = compareTypes(s, c, changes);
                compareFlags(s, c, currentHasKeys, changes);
                result.add(new SchemaDiff.Pair(sid, c.id(), matchKind.get(sid), owner.get(sid), keep));
            }
            for (Node s : old.values()) {
                if (!pairs.containsKey(s.id()) && (s.parentId() == null || pairs.containsKey(s.parentId()))) {
                    changes.add(new FieldChange(FieldChange.Kind.REMOVED, s.id(), s.path(), null, s.field().type(), null,
                            s.field().format(), null, null, null, 1.0, List.of()));
                }
            }
            return new SchemaDiff(stored, current, changes, result, keyPaths);
        }

        private void reown(String storedId, String newOwner) {
            for (Map.Entry<String, String> e : owner.entrySet()) {
                if (storedId.equals(e.getValue())) {
                    e.setValue(newOwner);
                }
            }
        }

        /** Pairs same-named children below a guessed pair of records with the SchemaIds rule. */
        private void follow(List<Field> storedChildren, List<Field> currentChildren, String guess, Set<String> usedNow,
                Map<String, Candidate> picked) {
            Set<String> currentNames = new HashSet<>();
            for (Field f : currentChildren) {
                currentNames.add(f.name());
            }
            for (Field c : currentChildren) {
                if (usedNow.contains(c.id()) || old.containsKey(c.id())) {
                    continue;
                }
                Field s = null;
                List<Field> folded = new ArrayList<>();
                for (Field o : storedChildren) {
                    if (o.name().equals(c.name())) {
                        s = o;
                    } else if (o.name().equalsIgnoreCase(c.name())) {
                        folded.add(o);
                    }
                }
                if (s == null && folded.size() == 1 && !currentNames.contains(folded.get(0).name())) {
                    s = folded.get(0);
                }
                if (s == null || pairs.containsKey(s.id())) {
                    continue;
                }
                pairs.put(s.id(), c.id());
                matchKind.put(s.id(), SchemaDiff.Match.IMPLIED);
                owner.put(s.id(), guess);
                usedNow.add(c.id());
                picked.remove(s.id());
                follow(s.children(), c.children(), guess, usedNow, picked);
            }
        }

        private FieldChange added(Node c) {
            return new FieldChange(FieldChange.Kind.ADDED, c.id(), null, c.path(), null, c.field().type(), null,
                    c.field().format(), null, null, 1.0, List.of());
        }

        private FieldChange matched(Node s, Node c, Candidate guess, List<Candidate> all) {
            String sp = s.parentId();
            String cp = c.parentId();
            boolean sameParent = sp == null ? cp == null : cp != null && cp.equals(pairs.get(sp));
            List<String> reasons = new ArrayList<>(guess.reasons());
            double confidence = guess.score();
            Candidate rival = null;
            for (Candidate other : all) {
                if (other != guess && (other.stored() == s || other.current() == c)
                        && (rival == null || other.score() > rival.score())) {
                    rival = other;
                }
            }
            if (rival != null && guess.score() - rival.score() < CLOSE) {
                double gap = guess.score() - rival.score();
                confidence = guess.score() * (0.75 + 2.5 * gap);
                reasons.add(String.format(Locale.ROOT, "close alternative: %s → %s (%.2f)", rival.stored().path(),
                        rival.current().path(), rival.score()));
            }
            if (!sameParent) {
                reasons.add("moved from " + parentPath(s.path()) + " to " + parentPath(c.path()));
            }
            return new FieldChange(sameParent ? FieldChange.Kind.RENAMED : FieldChange.Kind.MOVED, s.id(), s.path(), c.path(),
                    s.field().type(), c.field().type(), s.field().format(), c.field().format(), null, null,
                    Math.max(0, Math.min(1, confidence)), reasons);
        }

        private String parentPath(String path) {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? "the top level" : "`" + path.substring(0, dot) + "`";
        }

        /** @return whether the stored type and format are kept */
        private boolean compareTypes(Node sn, Node cn, List<FieldChange> changes) {
            Field s = sn.field();
            Field c = cn.field();
            if (s.isRecord() != c.isRecord()) {
                changes.add(retyped(sn, cn, false, false, List.of(s.isRecord() ? "was a record, now " + c.type().id()
                        : "was " + s.type().id() + ", now a record")));
                return false;
            }
            boolean typeDiffers = s.type() != c.type() || !Objects.equals(s.format(), c.format());
            boolean repetitionDiffers = s.repeated() != c.repeated();
            if (repetitionDiffers) {
                changes.add(retyped(sn, cn, false, false, List.of(s.repeated() ? "was a list, now a single value"
                        : "was a single value, now a list")));
                return !typeDiffers;
            }
            if (!typeDiffers || s.isRecord()) {
                return true;
            }
            if (c.type() == DataType.ANY) {
                return true;
            }
            Reading r = reads(s, samples(c));
            if (Boolean.TRUE.equals(r.ok)) {
                return true;
            }
            List<String> reasons = new ArrayList<>();
            boolean widening = widens(s.type(), c.type());
            if (s.type() == c.type()) {
                reasons.add("format changed");
            } else {
                reasons.add(widening ? c.type().id() + " holds every " + s.type().id() + " value"
                        : c.type().id() + " does not hold every " + s.type().id() + " value");
            }
            if (r.ok == null) {
                reasons.add("no sampled values to check the stored type against");
            } else {
                reasons.add("the stored type does not read " + String.join(", ", r.failures));
            }
            changes.add(retyped(sn, cn, widening, r.ok, reasons));
            return false;
        }

        private FieldChange retyped(Node s, Node c, boolean compatible, Boolean reads, List<String> reasons) {
            return new FieldChange(FieldChange.Kind.RETYPED, s.id(), s.path(), c.path(), s.field().type(), c.field().type(),
                    s.field().format(), c.field().format(), compatible, reads, 1.0, reasons);
        }

        private void compareFlags(Node sn, Node cn, boolean currentHasKeys, List<FieldChange> changes) {
            Field s = sn.field();
            Field c = cn.field();
            if (!s.nullable() && c.nullable()) {
                FieldEvidence e = evidence.get(c.id());
                String why = e != null && e.nullCount() > 0 ? e.nullCount() + " of " + e.rowsSampled() + " sampled values are null"
                        : "the source now allows nulls";
                changes.add(new FieldChange(FieldChange.Kind.NULLABILITY, s.id(), sn.path(), cn.path(), s.type(), c.type(),
                        s.format(), c.format(), null, null, 1.0, List.of(why)));
            }
            boolean key = keyPaths.contains(cn.path());
            if (currentHasKeys && s.key() != key) {
                changes.add(new FieldChange(FieldChange.Kind.KEY, s.id(), sn.path(), cn.path(), s.type(), c.type(), s.format(),
                        c.format(), null, null, 1.0, List.of(key ? "now part of the primary key" : "no longer part of the primary key")));
            }
        }

        private List<String> samples(Field current) {
            FieldEvidence e = evidence.get(current.id());
            return e == null ? List.of() : e.samples();
        }

        private Candidate score(Node o, Node c) {
            List<String> reasons = new ArrayList<>();
            NameSimilarity.Score name = NameSimilarity.compare(o.field().name(), c.field().name());
            reasons.add(name.reason());
            double type = typeScore(o.field(), c.field(), reasons);
            double position = positionScore(o, c, reasons);
            double weighted = W_NAME * name.value() + W_TYPE * type + W_POSITION * position;
            double weights = W_NAME + W_TYPE + W_POSITION;
            ValueOverlap values = valueScore(o.field(), c.field(), reasons);
            double score;
            if (values != null) {
                weighted += W_VALUES * values.share();
                weights += W_VALUES;
                score = weighted / weights;
                if (values.shared() >= MIN_SHARED_VALUES && !o.field().isRecord()) {
                    // Values are evidence independent of the name: many shared distinct values of a compatible type are hard to get by chance.
                    double byValues = values.share() * (0.55 + 0.3 * type + 0.1 * position);
                    if (byValues > score) {
                        reasons.add("recognised by its values");
                        score = byValues;
                    }
                }
            } else {
                score = weighted / weights;
            }
            return new Candidate(o, c, score, reasons);
        }

        private double typeScore(Field o, Field c, List<String> reasons) {
            if (o.isRecord()) {
                reasons.add("both records");
                return 1.0;
            }
            if (o.type() == c.type() && Objects.equals(o.format(), c.format()) && o.repeated() == c.repeated()) {
                reasons.add("same type " + FieldChange.typeText(o.type(), o.format()));
                return 1.0;
            }
            if (c.type() == DataType.ANY) {
                reasons.add("no values to compare types");
                return 0.5;
            }
            if (o.repeated() != c.repeated()) {
                reasons.add(o.repeated() ? "was a list, now a single value" : "was a single value, now a list");
                return 0.0;
            }
            if (Boolean.TRUE.equals(reads(o, samples(c)).ok)) {
                reasons.add("the stored type " + FieldChange.typeText(o.type(), o.format()) + " reads the sampled values");
                return 0.9;
            }
            if (widens(o.type(), c.type())) {
                reasons.add("type widened from " + o.type().id() + " to " + c.type().id());
                return 0.6;
            }
            reasons.add("different type: " + o.type().id() + " vs " + c.type().id());
            return 0.0;
        }

        private double positionScore(Node o, Node c, List<String> reasons) {
            boolean sameParent = o.parentId() == null ? c.parentId() == null
                    : c.parentId() != null && c.parentId().equals(pairs.get(o.parentId()));
            if (!sameParent) {
                return 0.5;
            }
            boolean left = neighbourAgrees(o, c, -1);
            boolean right = neighbourAgrees(o, c, 1);
            if (left && right) {
                reasons.add("between the same neighbours");
                return 1.0;
            }
            if (left || right) {
                reasons.add("next to the same neighbour");
                return 0.8;
            }
            if (o.index() == c.index()) {
                reasons.add("same position " + (o.index() + 1));
                return 0.6;
            }
            reasons.add("position " + (o.index() + 1) + " → " + (c.index() + 1));
            return Math.max(0, 0.4 - 0.05 * Math.abs(o.index() - c.index()));
        }

        private boolean neighbourAgrees(Node o, Node c, int step) {
            int oi = o.index() + step;
            int ci = c.index() + step;
            boolean oEdge = oi < 0 || oi >= o.siblings().size();
            boolean cEdge = ci < 0 || ci >= c.siblings().size();
            if (oEdge || cEdge) {
                return oEdge && cEdge;
            }
            String matched = pairs.get(o.siblings().get(oi).id());
            return matched != null && matched.equals(c.siblings().get(ci).id());
        }

        private ValueOverlap valueScore(Field o, Field c, List<String> reasons) {
            if (o.isRecord()) {
                Set<String> a = new HashSet<>();
                Set<String> b = new HashSet<>();
                o.children().forEach(f -> a.add(NameSimilarity.compact(f.name())));
                c.children().forEach(f -> b.add(NameSimilarity.compact(f.name())));
                if (a.isEmpty() && b.isEmpty()) {
                    return null;
                }
                Set<String> common = new HashSet<>(a);
                common.retainAll(b);
                double dice = 2.0 * common.size() / (a.size() + b.size());
                reasons.add(String.format(Locale.ROOT, "%d of %d child fields in common", common.size(), Math.max(a.size(), b.size())));
                return new ValueOverlap(dice, common.size());
            }
            List<String> before = baseline.getOrDefault(o.id(), List.of());
            List<String> after = samples(c);
            if (before.isEmpty() || after.isEmpty()) {
                return null;
            }
            Set<String> a = new HashSet<>();
            before.forEach(v -> a.add(v.strip()));
            Set<String> b = new HashSet<>();
            after.forEach(v -> b.add(v.strip()));
            Set<String> common = new HashSet<>(a);
            common.retainAll(b);
            double overlap = (double) common.size() / Math.min(a.size(), b.size());
            reasons.add(String.format(Locale.ROOT, "%.0f%% of sampled values in common", overlap * 100));
            return new ValueOverlap(overlap, common.size());
        }
    }

    private record Reading(Boolean ok, List<String> failures) {
    }

    /** Share of the smaller sample (or of the child names) found in the other, and how many distinct values that is. */
    private record ValueOverlap(double share, int shared) {
    }

    /**
     * @return whether the stored field's type and format parse the samples (all but a stray
     *         {@value #STRAY_SHARE} share); null ok without samples
     */
    private static Reading reads(Field stored, List<String> samples) {
        if (samples.isEmpty()) {
            return new Reading(null, List.of());
        }
        if (stored.isRecord()) {
            return new Reading(Boolean.FALSE, List.of());
        }
        List<String> failures = new ArrayList<>();
        int failed = 0;
        for (String v : samples) {
            try {
                Values.parse(v, stored.type(), stored.format());
            } catch (IllegalArgumentException e) {
                failed++;
                if (failures.size() < MAX_EXAMPLES) {
                    failures.add("'" + v + "'");
                }
            }
        }
        // A few stray values are bad data the run rejects as it always did, not a changed structure.
        return new Reading(failed <= STRAY_SHARE * samples.size(), failures);
    }

    /** @return whether every value of {@code from} is a value of {@code to} (so expressions keep their meaning) */
    public static boolean widens(DataType from, DataType to) {
        return from == to || to == DataType.TEXT && from != DataType.RECORD || to == DataType.ANY
                || from == DataType.INTEGER && to == DataType.DECIMAL || from == DataType.DATE && to == DataType.TIMESTAMP;
    }
}
