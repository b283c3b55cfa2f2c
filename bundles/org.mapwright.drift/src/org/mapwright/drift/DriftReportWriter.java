package org.mapwright.drift;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.mapwright.engine.Problem;
import org.mapwright.internal.drift.JsonText;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Renders drift reports, rebase results and project diffs as text for people and as JSON for
 * scripts. The JSON has {@code formatVersion} {@value #FORMAT_VERSION}, keys in a fixed order,
 * every key always present (null when it does not apply).
 */
public final class DriftReportWriter {

    /** Version of the JSON outputs; incremented when a key changes meaning or disappears. */
    public static final int FORMAT_VERSION = 1;

    /** @return the report for people: per source its changes, impact, unmapped fields and proposals */
    public String text(DriftReport r) {
        StringBuilder b = new StringBuilder();
        int drifted = 0;
        int breaking = 0;
        for (SourceDrift s : r.sources()) {
            if (!s.drifted()) {
                continue;
            }
            drifted++;
            b.append("source ").append(s.source().name()).append(" (").append(s.source().connector()).append("):");
            if (s.error() != null) {
                b.append(' ').append(s.error()).append('\n');
                breaking++;
                continue;
            }
            b.append(' ').append(count(s.changes().size(), "change")).append('\n');
            for (FieldChange c : s.changes()) {
                b.append("  ").append(c.describe()).append('\n');
                if (c.kind() != FieldChange.Kind.ADDED && c.kind() != FieldChange.Kind.REMOVED && !c.reasons().isEmpty()) {
                    b.append("      ").append(String.join("; ", c.reasons())).append('\n');
                }
            }
            if (!s.impacts().isEmpty()) {
                b.append("  impact:\n");
                for (Impact i : s.impacts()) {
                    breaking += i.breaking() ? 1 : 0;
                    b.append("    ").append(i.breaking() ? "breaks  " : "warning ").append(i.describe()).append('\n');
                }
            }
            if (!s.unmapped().isEmpty()) {
                b.append("  new fields not mapped:\n");
                for (UnmappedField u : s.unmapped()) {
                    b.append("    ").append(u.path()).append(" in mapping ").append(u.mappingName());
                    if (u.targetPath() != null) {
                        b.append(" (unmapped target field '").append(u.targetPath()).append("' has the same name)");
                    }
                    b.append('\n');
                }
            }
            if (!s.proposals().isEmpty()) {
                b.append("  proposals:\n");
                for (RebaseProposal p : s.proposals()) {
                    b.append("    [").append(p.id()).append("] ").append(p.change().describe()).append(": ")
                            .append(p.edits().isEmpty() ? "no expression to rewrite" : count(p.edits().size(), "rewrite")).append('\n');
                    for (ExpressionEdit e : p.edits()) {
                        b.append("      ").append(e.describe()).append('\n');
                    }
                }
            }
        }
        if (drifted == 0) {
            b.append("no drift: ").append(count(r.sources().size(), "source")).append(" as mapped\n");
        } else {
            b.append(count(drifted, "source")).append(" drifted, ").append(count(breaking, "breaking problem")).append('\n');
        }
        return b.toString();
    }

    /** @return the report as JSON ({@code rebase} is null) */
    public String json(DriftReport r) {
        return json(r, null);
    }

    /**
     * @param rebase what was applied, or null
     * @return the report and the rebase as one JSON document
     */
    public String json(DriftReport r, RebaseResult rebase) {
        return JsonText.write(g -> {
            g.writeStartObject();
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeStringField("project", r.project());
            g.writeBooleanField("drifted", r.drifted());
            g.writeBooleanField("breaking", r.breaking());
            g.writeArrayFieldStart("sources");
            for (SourceDrift s : r.sources()) {
                source(g, s);
            }
            g.writeEndArray();
            g.writeFieldName("rebase");
            if (rebase == null) {
                g.writeNull();
            } else {
                rebase(g, rebase);
            }
            g.writeEndObject();
        });
    }

    private static void source(JsonGenerator g, SourceDrift s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.source().id());
        g.writeStringField("name", s.source().name());
        g.writeStringField("connector", s.source().connector());
        g.writeStringField("error", s.error());
        g.writeBooleanField("drifted", s.drifted());
        g.writeBooleanField("breaking", s.breaking());
        g.writeArrayFieldStart("changes");
        for (FieldChange c : s.changes()) {
            change(g, c);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("impacts");
        for (Impact i : s.impacts()) {
            g.writeStartObject();
            g.writeStringField("mapping", i.mappingId());
            g.writeStringField("mappingName", i.mappingName());
            g.writeStringField("element", i.element());
            g.writeStringField("label", i.label());
            g.writeStringField("expression", i.expression());
            JsonText.strings(g, "fields", i.fields());
            g.writeStringField("severity", i.problem() == null ? (i.breaking() ? "error" : "warning") : i.problem().severity().id());
            g.writeStringField("message", i.message());
            g.writeStringField("hint", i.problem() == null ? null : i.problem().hint());
            g.writeBooleanField("breaking", i.breaking());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("unmapped");
        for (UnmappedField u : s.unmapped()) {
            g.writeStartObject();
            g.writeStringField("fieldId", u.fieldId());
            g.writeStringField("path", u.path());
            g.writeStringField("mapping", u.mappingId());
            g.writeStringField("mappingName", u.mappingName());
            g.writeStringField("sameNameTarget", u.targetFieldId());
            g.writeStringField("sameNameTargetPath", u.targetPath());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("proposals");
        for (RebaseProposal p : s.proposals()) {
            g.writeStartObject();
            g.writeStringField("id", p.id());
            g.writeStringField("kind", p.change().kind().id());
            g.writeStringField("fieldId", p.change().fieldId());
            g.writeStringField("from", p.change().oldPath());
            g.writeStringField("to", p.change().newPath());
            g.writeNumberField("confidence", round(p.confidence()));
            JsonText.strings(g, "reasons", p.change().reasons());
            edits(g, p.edits());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void change(JsonGenerator g, FieldChange c) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", c.kind().id());
        g.writeStringField("fieldId", c.fieldId());
        g.writeStringField("oldPath", c.oldPath());
        g.writeStringField("newPath", c.newPath());
        g.writeStringField("oldType", c.oldType() == null ? null : c.oldType().id());
        g.writeStringField("newType", c.newType() == null ? null : c.newType().id());
        g.writeStringField("oldFormat", c.oldFormat());
        g.writeStringField("newFormat", c.newFormat());
        g.writeFieldName("compatible");
        if (c.compatible() == null) {
            g.writeNull();
        } else {
            g.writeBoolean(c.compatible());
        }
        g.writeFieldName("storedTypeReads");
        if (c.storedTypeReads() == null) {
            g.writeNull();
        } else {
            g.writeBoolean(c.storedTypeReads());
        }
        g.writeNumberField("confidence", round(c.confidence()));
        JsonText.strings(g, "reasons", c.reasons());
        g.writeEndObject();
    }

    private static void edits(JsonGenerator g, List<ExpressionEdit> edits) throws IOException {
        g.writeArrayFieldStart("edits");
        for (ExpressionEdit e : edits) {
            g.writeStartObject();
            g.writeStringField("mapping", e.mappingId());
            g.writeStringField("mappingName", e.mappingName());
            g.writeStringField("element", e.element());
            g.writeStringField("label", e.label());
            g.writeStringField("before", e.before());
            g.writeStringField("after", e.after());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** @return what a rebase did, for people */
    public String text(RebaseResult r) {
        StringBuilder b = new StringBuilder();
        for (RebaseProposal p : r.accepted()) {
            b.append("applied  ").append(p.change().describe()).append('\n');
        }
        for (RebaseProposal p : r.rejected()) {
            b.append("skipped  ").append(p.change().describe()).append('\n');
        }
        for (ExpressionEdit e : r.edits()) {
            b.append("rewrote  ").append(e.describe()).append('\n');
        }
        for (Problem p : r.problems()) {
            b.append("remains  ").append(p).append('\n');
        }
        return b.toString();
    }

    private static void rebase(JsonGenerator g, RebaseResult r) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("applied");
        for (RebaseProposal p : r.accepted()) {
            g.writeString(p.id());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("skipped");
        for (RebaseProposal p : r.rejected()) {
            g.writeString(p.id());
        }
        g.writeEndArray();
        edits(g, r.edits());
        g.writeArrayFieldStart("problems");
        for (Problem p : r.problems()) {
            g.writeString(p.toString());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** @return the diff for people, grouped by scope */
    public String text(ProjectDiff d) {
        if (d.equal()) {
            return "no differences\n";
        }
        StringBuilder b = new StringBuilder();
        String scope = null;
        for (ProjectChange c : d.changes()) {
            if (!c.scope().equals(scope)) {
                scope = c.scope();
                b.append(scope).append(":\n");
            }
            b.append("  ").append(c.describe()).append('\n');
        }
        b.append(count(d.changes().size(), "difference")).append('\n');
        return b.toString();
    }

    /** @return the diff as JSON */
    public String json(ProjectDiff d) {
        return JsonText.write(g -> {
            g.writeStartObject();
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeBooleanField("equal", d.equal());
            g.writeArrayFieldStart("changes");
            for (ProjectChange c : d.changes()) {
                g.writeStartObject();
                g.writeStringField("scope", c.scope());
                g.writeStringField("path", c.path());
                g.writeStringField("kind", c.kind().id());
                g.writeStringField("subject", c.subject());
                g.writeStringField("before", c.before());
                g.writeStringField("after", c.after());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String count(int n, String noun) {
        return String.format(Locale.ROOT, "%d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
