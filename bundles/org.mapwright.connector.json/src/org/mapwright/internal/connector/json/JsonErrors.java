package org.mapwright.internal.connector.json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mapwright.core.connector.Limits;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/** Reasons a user can act on, made from Jackson's exceptions (no source dumps, no class names). */
final class JsonErrors {

    private static final Pattern START_MARKER = Pattern.compile(
            "\\s*\\(start marker at \\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]\\)");
    private static final Pattern SOURCE = Pattern.compile("\\s*(at )?\\[Source: [^\\]]*\\]");
    /** Advice to enable Jackson features, which Mapwright users cannot do and should not need. */
    private static final Pattern FEATURE_ADVICE = Pattern.compile(
            ":?\\s*enable `[^`]*` to allow|\\s*\\(not recognized as one since Feature '[^']*' not enabled for parser\\)");

    private JsonErrors() {
    }

    /**
     * @param withLine whether to name the line (false for NDJSON, whose location already names
     *                 the physical line and whose parser only sees that line)
     */
    static String reason(JsonProcessingException e, Limits limits, boolean withLine) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : withLine
                ? " at line " + at.getLineNr() + ", column " + at.getColumnNr()
                : " at column " + at.getColumnNr();
        if (e instanceof StreamConstraintsException) {
            return limitReason(e.getOriginalMessage(), limits) + where;
        }
        String message = clean(e.getOriginalMessage(), withLine);
        if (e instanceof JsonEOFException) {
            return "unexpected end of input" + where + ", the JSON is incomplete (truncated file?): " + message;
        }
        return "invalid JSON" + where + ": " + message;
    }

    private static String limitReason(String message, Limits limits) {
        String m = message == null ? "" : message;
        if (m.contains("nesting depth")) {
            return "nesting deeper than " + Math.min(limits.maxNestingDepth(), JsonFactories.MAX_SUPPORTED_DEPTH)
                    + " levels " + Limits.hit(Limits.MAX_NESTING_DEPTH);
        }
        if (m.contains("Number value length") || m.contains("number value length")) {
            return "number longer than " + limits.maxNumberChars() + " characters " + Limits.hit(Limits.MAX_NUMBER_CHARS);
        }
        if (m.contains("String value length") || m.contains("string value length")) {
            return "text value longer than " + limits.maxFieldChars() + " characters " + Limits.hit(Limits.MAX_FIELD_CHARS);
        }
        if (m.contains("Name length") || m.contains("name length")) {
            return "field name longer than " + limits.maxFieldChars() + " characters " + Limits.hit(Limits.MAX_FIELD_CHARS);
        }
        return "input exceeds a limit: " + clean(m, true);
    }

    private static String clean(String message, boolean withLine) {
        if (message == null) {
            return "malformed input";
        }
        Matcher m = START_MARKER.matcher(message);
        String s = m.replaceAll(withLine ? " (opened at line $1, column $2)" : " (opened at column $2)");
        s = SOURCE.matcher(s).replaceAll("");
        s = FEATURE_ADVICE.matcher(s).replaceAll("");
        return s.replace("\n", " ").trim();
    }
}
