package org.mapwright.internal.engine.expr;

import java.util.List;
import java.util.Locale;

import org.mapwright.engine.expr.FunctionCategory;
import org.mapwright.engine.expr.FunctionInfo;
import org.mapwright.engine.expr.FunctionRegistry;

/** Renders FUNCTIONS.md from function metadata, so the reference cannot drift from the code. */
public final class ReferenceWriter {

    private ReferenceWriter() {
    }

    public static String markdown(FunctionRegistry registry) {
        StringBuilder md = new StringBuilder();
        md.append("# Mapwright function reference\n\n");
        md.append("<!-- Generated from the function library by FunctionReference.markdown(Functions.standard()); "
                + "do not edit. Regenerate with -Dmapwright.regenerate=true (see FunctionReferenceTest). -->\n\n");
        md.append("The expression language itself (operators, CASE, CAST, null rules) is described in EXPRESSIONS.md. ");
        md.append("Function names are case-insensitive. `decimal` parameters also accept integers; ");
        md.append("`any` means a value of any type (see each description). Unless noted, a null argument gives a null result.\n\n");
        md.append(registry.functions().size()).append(" functions.\n\n");
        for (FunctionCategory c : FunctionCategory.values()) {
            List<FunctionInfo> fs = registry.inCategory(c);
            if (fs.isEmpty()) {
                continue;
            }
            md.append("- [").append(c.title()).append("](#").append(anchor(c.title())).append("): ");
            for (int i = 0; i < fs.size(); i++) {
                md.append(i == 0 ? "" : ", ").append('`').append(fs.get(i).name()).append('`');
            }
            md.append('\n');
        }
        for (FunctionCategory c : FunctionCategory.values()) {
            List<FunctionInfo> fs = registry.inCategory(c);
            if (fs.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(c.title()).append("\n");
            for (FunctionInfo f : fs) {
                md.append("\n### ").append(f.name()).append("\n\n");
                for (FunctionInfo.Signature s : f.signatures()) {
                    String rendered = s.render(f.name());
                    if (f.name().equals("count") && s.params().isEmpty()) {
                        rendered = "count(*) → integer";
                    }
                    md.append("- `").append(rendered).append("`\n");
                }
                md.append('\n').append(f.doc()).append("\n\n");
                md.append("Example: `").append(f.example()).append("`\n");
                StringBuilder notes = new StringBuilder();
                if (!f.aliases().isEmpty()) {
                    notes.append("Also callable as ");
                    for (int i = 0; i < f.aliases().size(); i++) {
                        notes.append(i == 0 ? "" : ", ").append('`').append(f.aliases().get(i)).append('`');
                    }
                    notes.append(". ");
                }
                if (f.aggregate()) {
                    notes.append("Aggregate: makes the mapping group rows. ");
                }
                if (!f.deterministic()) {
                    notes.append("Not deterministic: the preview and a run can differ. ");
                }
                if (notes.length() > 0) {
                    md.append('\n').append(notes.toString().trim()).append('\n');
                }
            }
        }
        return md.toString();
    }

    private static String anchor(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }
}
