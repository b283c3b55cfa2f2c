package org.mapwright.internal.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How alike two field names are, 0..1, with the reason in words. Column names drift in a few
 * typical ways — case ({@code Country}), separators ({@code e-mail}), abbreviations
 * ({@code cust_id}), prefixes or suffixes ({@code email_address}), typos — so names are compared
 * as lower-case word tokens (split at separators, camel case and letter/digit boundaries) and as
 * the compact concatenation of those tokens, and the best of the measures wins.
 */
public final class NameSimilarity {

    /** A score with its explanation. */
    public record Score(double value, String reason) {
    }

    private NameSimilarity() {
    }

    public static Score compare(String a, String b) {
        if (a.equals(b)) {
            return new Score(1.0, "same name");
        }
        if (a.equalsIgnoreCase(b)) {
            return new Score(1.0, "same name ignoring case");
        }
        List<String> ta = tokens(a);
        List<String> tb = tokens(b);
        String ca = String.join("", ta);
        String cb = String.join("", tb);
        if (!ca.isEmpty() && ca.equals(cb)) {
            return new Score(0.97, "same name ignoring case and separators");
        }
        double tokenScore = tokenScore(ta, tb);
        int distance = levenshtein(ca, cb);
        int longest = Math.max(ca.length(), cb.length());
        double editScore = longest == 0 ? 0 : 1.0 - (double) distance / longest;
        if (tokenScore >= editScore && tokenScore > 0) {
            return new Score(tokenScore, "name words match (" + describeTokens(ta, tb) + ")");
        }
        return new Score(editScore, editScore >= 0.5 ? "similar spelling (" + distance + (distance == 1 ? " edit)" : " edits)")
                : "different names");
    }

    /** @return lower-case words of a name: {@code "custID-2"} → {@code [cust, id, 2]} */
    public static List<String> tokens(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(cur, out);
                continue;
            }
            if (cur.length() > 0) {
                char p = name.charAt(i - 1);
                boolean camel = Character.isLowerCase(p) && Character.isUpperCase(c);
                boolean acronymEnd = Character.isUpperCase(p) && Character.isUpperCase(c) && i + 1 < name.length()
                        && Character.isLowerCase(name.charAt(i + 1));
                boolean digitBoundary = Character.isDigit(p) != Character.isDigit(c);
                if (camel || acronymEnd || digitBoundary) {
                    flush(cur, out);
                }
            }
            cur.append(Character.toLowerCase(c));
        }
        flush(cur, out);
        return out;
    }

    /** @return the compact form: tokens joined without separators */
    public static String compact(String name) {
        return String.join("", tokens(name));
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (cur.length() > 0) {
            out.add(cur.toString().toLowerCase(Locale.ROOT));
            cur.setLength(0);
        }
    }

    /** Dice-like overlap where each word counts with its best match on the other side. */
    private static double tokenScore(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (String t : a) {
            sum += best(t, b);
        }
        for (String t : b) {
            sum += best(t, a);
        }
        return sum / (a.size() + b.size());
    }

    private static double best(String token, List<String> others) {
        double best = 0;
        for (String o : others) {
            best = Math.max(best, tokenMatch(token, o));
        }
        return best;
    }

    static double tokenMatch(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        if (abbreviates(a, b) || abbreviates(b, a)) {
            return 0.8;
        }
        int longest = Math.max(a.length(), b.length());
        double ratio = 1.0 - (double) levenshtein(a, b) / longest;
        return ratio >= 0.75 ? ratio * 0.9 : 0;
    }

    /** {@code cust} of {@code customer}, {@code qty} of {@code quantity}: same start, letters in order. */
    private static boolean abbreviates(String shorter, String longer) {
        if (shorter.length() < 2 || shorter.length() >= longer.length() || shorter.charAt(0) != longer.charAt(0)
                || Character.isDigit(shorter.charAt(0))) {
            return false;
        }
        int j = 0;
        for (int i = 0; i < longer.length() && j < shorter.length(); i++) {
            if (longer.charAt(i) == shorter.charAt(j)) {
                j++;
            }
        }
        return j == shorter.length();
    }

    private static String describeTokens(List<String> a, List<String> b) {
        List<String> parts = new ArrayList<>();
        for (String t : a) {
            String match = null;
            double score = 0;
            for (String o : b) {
                double s = tokenMatch(t, o);
                if (s > score) {
                    score = s;
                    match = o;
                }
            }
            if (match == null) {
                parts.add(t + " dropped");
            } else if (match.equals(t)) {
                parts.add(t);
            } else if (abbreviates(t, match) || abbreviates(match, t)) {
                parts.add(t + "~" + match + " abbreviated");
            } else {
                parts.add(t + "~" + match);
            }
        }
        for (String o : b) {
            if (best(o, a) == 0) {
                parts.add(o + " added");
            }
        }
        return String.join(", ", parts);
    }

    public static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
