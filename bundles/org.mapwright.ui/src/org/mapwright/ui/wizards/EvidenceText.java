package org.mapwright.ui.wizards;

import java.util.Collection;

import org.mapwright.core.connector.FieldEvidence;

/** How the add-source wizards word a field's inference evidence, the same in every wizard. */
public final class EvidenceText {

    private EvidenceText() {
    }

    /**
     * @return the confidence as a percentage, marked when the type was kept although some values
     *         do not fit it (the tooltip then names them)
     */
    public static String confidence(FieldEvidence ev) {
        if (ev == null) {
            return "";
        }
        return Math.round(ev.confidence() * 100) + "%" + (ev.warning() == null ? "" : " \u26a0");
    }

    /** @return a sentence about the fields whose type was kept despite stray values, or "" */
    public static String strayValues(Collection<FieldEvidence> evidence) {
        long n = evidence.stream().filter(ev -> ev != null && ev.warning() != null).count();
        return n == 0 ? "" : " " + n + (n == 1 ? " field keeps its type" : " fields keep their type")
                + " despite a few values that do not fit (\u26a0: hover the confidence).";
    }

}
