package org.mapwright.internal.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mapwright.core.Field;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.profile.FieldProfile;
import org.mapwright.core.profile.Profile;
import org.mapwright.core.value.Values;

/** The human-readable form of {@code mapwright inspect}. */
final class InspectText {

    private final PrintWriter out;

    InspectText(PrintWriter out) {
        this.out = out;
    }

    void print(String label, String connector, Inspection in, Profile profile) {
        out.println(label + " (" + connector + ") " + in.settings().asMap());
        out.printf(Locale.ROOT, "%,d records %s%n", in.rowsSampled(), in.complete() ? "read (all)" : "sampled");
        TextTable t = new TextTable(List.of("field", "type", "format", "null", "key", "confidence", "samples"));
        List<String> typeWarnings = new ArrayList<>();
        rows(t, in.schema().fields(), "", in, typeWarnings);
        t.print(out);
        for (String w : typeWarnings) {
            out.println("warning: " + w);
        }
        for (DataException w : in.warnings()) {
            out.println("warning: " + w.getMessage());
        }
        if (profile != null) {
            out.println();
            out.printf(Locale.ROOT, "profile of %,d records (%,d rejected)%n", profile.records(), profile.rejected());
            TextTable p = new TextTable(List.of("field", "nulls", "empty", "invalid", "distinct~", "min", "max", "length", "top values"));
            for (FieldProfile f : profile.fields()) {
                List<String> top = new ArrayList<>();
                f.topValues().stream().limit(3).forEach(v -> top.add(v.value() + " (" + v.count() + ")"));
                p.add(List.of(f.name(), Long.toString(f.nullCount()), Long.toString(f.emptyCount()), Long.toString(f.invalidCount()),
                        Long.toString(f.distinctEstimate()), Values.format(f.min()), Values.format(f.max()),
                        f.minLength() < 0 ? "" : f.minLength() + ".." + f.maxLength(), String.join(", ", top)));
            }
            p.print(out);
        }
    }

    /** Adds a row per field and, to {@code typeWarnings}, "path: warning" per field with one. */
    private void rows(TextTable t, List<Field> fields, String prefix, Inspection in, List<String> typeWarnings) {
        for (Field f : fields) {
            FieldEvidence ev = in.evidence().get(f.id());
            if (ev != null && ev.warning() != null) {
                typeWarnings.add(prefix + f.name() + ": " + ev.warning());
            }
            t.add(List.of(prefix + f.name(), f.type().id() + (f.repeated() ? "[]" : ""), f.format() == null ? "" : f.format(),
                    f.nullable() ? "yes" : "no", f.key() ? "yes" : "", ev == null ? "" : String.format(Locale.ROOT, "%.0f%%", ev.confidence() * 100),
                    ev == null ? "" : String.join(", ", ev.samples())));
            rows(t, f.children(), prefix + f.name() + ".", in, typeWarnings);
        }
    }
}
