package org.mapwright.drift;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.mapwright.core.DataType;

/**
 * One structural difference between the structure a source was mapped against and what it has
 * now.
 *
 * @param kind            what changed
 * @param fieldId         the stored field's id; for {@link Kind#ADDED} the new field's id
 * @param oldPath         dotted path in the stored structure, null for ADDED
 * @param newPath         dotted path now, null for REMOVED
 * @param oldType         stored type, null for ADDED
 * @param newType         type now, null for REMOVED
 * @param oldFormat       stored format, or null
 * @param newFormat       format now, or null
 * @param compatible      for RETYPED: whether the new type holds every value of the old one
 *                        (integer → decimal, anything → text, date → timestamp), so expressions
 *                        written for the old type keep their meaning; null for other kinds
 * @param storedTypeReads for RETYPED: whether the stored type (and format) still parses every
 *                        sampled value, i.e. the project could keep reading the data unchanged;
 *                        null when no samples were available or for other kinds
 * @param confidence      for RENAMED and MOVED: how sure the match is, 0..1; 1 for other kinds
 * @param reasons         why, in words (evidence for a match, examples of values that do not parse)
 */
public record FieldChange(Kind kind, String fieldId, String oldPath, String newPath, DataType oldType, DataType newType,
        String oldFormat, String newFormat, Boolean compatible, Boolean storedTypeReads, double confidence,
        List<String> reasons) {

    /** Kinds of structural change. */
    public enum Kind {
        /** A field the stored structure does not have. */
        ADDED,
        /** A stored field that is gone (and matched nothing new well enough). */
        REMOVED,
        /** A stored field found under another name at the same place (same parent record). */
        RENAMED,
        /** A stored field found under another parent record (possibly also renamed). */
        MOVED,
        /** A field whose type, format or repetition differs in a way the stored type may not read. */
        RETYPED,
        /** A field stored as never null that now has nulls. */
        NULLABILITY,
        /** A field whose primary-key membership changed (only for sources that report keys). */
        KEY;

        /** @return lower-case name used in reports, e.g. {@code "renamed"} */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FieldChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fieldId, "fieldId");
        reasons = List.copyOf(reasons == null ? List.of() : reasons);
    }

    /** @return whether this change is a guess a person should confirm (renames and moves) */
    public boolean isMatch() {
        return kind == Kind.RENAMED || kind == Kind.MOVED;
    }

    /** @return one line for people, e.g. {@code renamed email → e_mail (confidence 0.97)} */
    public String describe() {
        switch (kind) {
            case ADDED:
                return "added " + newPath + " (" + typeText(newType, newFormat) + ")";
            case REMOVED:
                return "removed " + oldPath + " (" + typeText(oldType, oldFormat) + ")";
            case RENAMED:
            case MOVED:
                return kind.id() + " " + oldPath + " → " + newPath + String.format(Locale.ROOT, " (confidence %.2f)", confidence);
            case RETYPED:
                return "retyped " + newPath + ": " + typeText(oldType, oldFormat) + " → " + typeText(newType, newFormat)
                        + (Boolean.TRUE.equals(compatible) ? " (widening)" : " (not compatible)")
                        + (Boolean.FALSE.equals(storedTypeReads) ? ", the stored type no longer reads the data" : "");
            case NULLABILITY:
                return "nullability of " + newPath + ": stored as never null, now has nulls";
            case KEY:
                return "key of " + newPath + (reasons.isEmpty() ? " changed" : ": " + reasons.get(0));
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    static String typeText(DataType type, String format) {
        if (type == null) {
            return "?";
        }
        return format == null ? type.id() : type.id() + " " + format;
    }
}
