package org.mapwright.ui.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;

/**
 * Suggests mappings for unmapped target fields from the names and types of source fields.
 * Nothing is mapped by this class: it only proposes, with a confidence and the reasons, and the
 * user accepts or rejects each suggestion.
 *
 * <h2>Scoring</h2>
 * Names are split into lower-case words at underscores, spaces, hyphens, dots, digits and
 * camel-case humps ({@code customerID} → {@code customer id}); common abbreviations are expanded
 * ({@code qty} → {@code quantity}). The name score is the best of: equal words (1.0), equal words
 * once the source's own name is put in front ({@code customers.id} for {@code customer_id}, 0.95),
 * the share of shared words (Dice coefficient, × 0.9) and the Jaro-Winkler similarity of the joined
 * words (× 0.85). It is multiplied by a type factor: same type 1, integer into decimal 0.95, into
 * text 0.85, text into a number, boolean or date 0.6 (it has to parse), any other pair is
 * incompatible and never suggested. Suggestions under {@link #threshold()} are dropped; each target
 * field gets its best candidate only.
 */
public final class AutoMapper {

    /** Default minimum confidence of a suggestion. */
    public static final double DEFAULT_THRESHOLD = 0.6;

    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("qty", "quantity"), Map.entry("amt", "amount"), Map.entry("num", "number"), Map.entry("no", "number"),
            Map.entry("nr", "number"), Map.entry("addr", "address"), Map.entry("tel", "phone"), Map.entry("telephone", "phone"),
            Map.entry("mail", "email"), Map.entry("dob", "birth date"), Map.entry("zip", "postcode"),
            Map.entry("postal", "post"), Map.entry("desc", "description"), Map.entry("descr", "description"),
            Map.entry("dt", "date"), Map.entry("ts", "timestamp"), Map.entry("cust", "customer"), Map.entry("prod", "product"),
            Map.entry("fname", "first name"), Map.entry("lname", "last name"), Map.entry("firstname", "first name"),
            Map.entry("lastname", "last name"), Map.entry("surname", "last name"), Map.entry("forename", "first name"),
            Map.entry("cnt", "count"), Map.entry("pct", "percent"), Map.entry("ctry", "country"), Map.entry("curr", "currency"),
            Map.entry("identifier", "id"), Map.entry("birthdate", "birth date"), Map.entry("birthday", "birth date"));

    /**
     * A source field the user could map.
     *
     * @param sourceId   its source
     * @param sourceName the source's name (a qualifier in expressions, and a hint: {@code customers.id})
     * @param field      the field
     * @param reference  the expression text that reads it
     */
    public record Candidate(String sourceId, String sourceName, Field field, String reference) {
        public Candidate {
            Objects.requireNonNull(sourceId, "sourceId");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reference, "reference");
        }
    }

    /**
     * One proposal.
     *
     * @param target     the unmapped target field
     * @param source     the proposed source field
     * @param confidence 0..1
     * @param reasons    why, for the user, e.g. {@code "same name"}, {@code "integer widens to decimal"}
     */
    public record Suggestion(Field target, Candidate source, double confidence, List<String> reasons) {
        public Suggestion {
            reasons = List.copyOf(reasons);
        }

        /** @return the expression accepting this suggestion sets */
        public String expression() {
            return source.reference();
        }
    }

    private final double threshold;

    public AutoMapper() {
        this(DEFAULT_THRESHOLD);
    }

    /** @param threshold minimum confidence, 0..1 */
    public AutoMapper(double threshold) {
        if (threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("threshold must be within 0..1");
        }
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    /**
     * @param targets    the target fields to find sources for (usually the unmapped ones)
     * @param candidates the source fields in scope
     * @return at most one suggestion per target, highest confidence first
     */
    public List<Suggestion> suggest(List<Field> targets, List<Candidate> candidates) {
        List<Suggestion> out = new ArrayList<>();
        for (Field t : targets) {
            if (t.isRecord()) {
                continue;
            }
            Suggestion best = null;
            for (Candidate c : candidates) {
                if (c.field().isRecord() || c.field().repeated() != t.repeated()) {
                    continue;
                }
                Suggestion s = score(t, c);
                if (s != null && (best == null || s.confidence() > best.confidence())) {
                    best = s;
                }
            }
            if (best != null && best.confidence() >= threshold) {
                out.add(best);
            }
        }
        out.sort(Comparator.comparingDouble(Suggestion::confidence).reversed());
        return out;
    }

    /** @return the scored pair, or null when the types cannot be mapped */
    Suggestion score(Field target, Candidate c) {
        List<String> reasons = new ArrayList<>();
        double typeFactor = typeFactor(c.field().type(), target.type(), reasons);
        if (typeFactor == 0) {
            return null;
        }
        List<String> t = words(target.name());
        List<String> s = words(c.field().name());
        double name;
        if (t.isEmpty() || s.isEmpty()) {
            return null;
        }
        if (t.equals(s)) {
            name = 1.0;
            reasons.add(0, target.name().equals(c.field().name()) ? "same name" : "same name ignoring case and separators");
        } else {
            List<String> qualified = new ArrayList<>(words(singular(c.sourceName())));
            qualified.addAll(s);
            double dice = dice(t, s);
            double jw = jaroWinkler(String.join("", t), String.join("", s));
            if (qualified.equals(t) && c.sourceName() != null) {
                name = 0.95;
                reasons.add(0, "'" + c.sourceName() + "." + c.field().name() + "' reads as '" + target.name() + "'");
            } else if (dice * 0.9 >= jw * 0.85) {
                name = dice * 0.9;
                reasons.add(0, "shares the words " + shared(t, s));
            } else {
                name = jw * 0.85;
                reasons.add(0, String.format(Locale.ROOT, "similar name (%.0f%%)", jw * 100));
            }
        }
        double confidence = Math.round(name * typeFactor * 100) / 100.0;
        return new Suggestion(target, c, confidence, reasons);
    }

    private static double typeFactor(DataType from, DataType to, List<String> reasons) {
        if (from == to) {
            reasons.add("same type (" + to.id() + ")");
            return 1;
        }
        if (from == DataType.INTEGER && to == DataType.DECIMAL) {
            reasons.add("integer widens to decimal");
            return 0.95;
        }
        if (from == DataType.DATE && to == DataType.TIMESTAMP) {
            reasons.add("date widens to timestamp (midnight)");
            return 0.9;
        }
        if (to == DataType.TEXT && from != DataType.RECORD) {
            reasons.add(from.id() + " is written as text");
            return 0.85;
        }
        if (from == DataType.ANY || to == DataType.ANY) {
            reasons.add("untyped value");
            return 0.8;
        }
        if (from == DataType.TEXT && to != DataType.RECORD) {
            reasons.add("text has to parse as " + to.id() + " (CAST)");
            return 0.6;
        }
        return 0;
    }

    /** @return the lower-case words of a name, abbreviations expanded */
    static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        if (name == null) {
            return out;
        }
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            boolean boundary = !Character.isLetter(ch)
                    || Character.isUpperCase(ch) && i > 0 && Character.isLowerCase(name.charAt(i - 1))
                    || Character.isUpperCase(ch) && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))
                            && i > 0 && Character.isUpperCase(name.charAt(i - 1));
            if (boundary && w.length() > 0) {
                add(out, w.toString());
                w.setLength(0);
            }
            if (Character.isLetter(ch)) {
                w.append(Character.toLowerCase(ch));
            }
        }
        if (w.length() > 0) {
            add(out, w.toString());
        }
        return out;
    }

    private static void add(List<String> out, String word) {
        String expanded = ABBREVIATIONS.getOrDefault(word, word);
        for (String part : expanded.split(" ")) {
            out.add(part);
        }
    }

    private static String singular(String name) {
        if (name == null) {
            return "";
        }
        if (name.endsWith("ies") && name.length() > 3) {
            return name.substring(0, name.length() - 3) + "y";
        }
        if (name.endsWith("s") && !name.endsWith("ss") && name.length() > 1) {
            return name.substring(0, name.length() - 1);
        }
        return name;
    }

    private static double dice(List<String> a, List<String> b) {
        Set<String> sa = new HashSet<>(a);
        Set<String> sb = new HashSet<>(b);
        int common = 0;
        for (String x : sa) {
            if (sb.contains(x)) {
                common++;
            }
        }
        return 2.0 * common / (sa.size() + sb.size());
    }

    private static String shared(List<String> a, List<String> b) {
        Set<String> common = new LinkedHashSet<>(a);
        common.retainAll(new HashSet<>(b));
        return common.isEmpty() ? "(none)" : "'" + String.join("', '", common) + "'";
    }

    /** Jaro-Winkler similarity, 0..1. */
    static double jaroWinkler(String a, String b) {
        if (a.equals(b)) {
            return 1;
        }
        int la = a.length();
        int lb = b.length();
        if (la == 0 || lb == 0) {
            return 0;
        }
        int window = Math.max(0, Math.max(la, lb) / 2 - 1);
        boolean[] ma = new boolean[la];
        boolean[] mb = new boolean[lb];
        int matches = 0;
        for (int i = 0; i < la; i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(lb - 1, i + window);
            for (int j = from; j <= to; j++) {
                if (!mb[j] && a.charAt(i) == b.charAt(j)) {
                    ma[i] = true;
                    mb[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int transpositions = 0;
        int k = 0;
        for (int i = 0; i < la; i++) {
            if (ma[i]) {
                while (!mb[k]) {
                    k++;
                }
                if (a.charAt(i) != b.charAt(k)) {
                    transpositions++;
                }
                k++;
            }
        }
        double m = matches;
        double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
        int prefix = 0;
        while (prefix < Math.min(4, Math.min(la, lb)) && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
