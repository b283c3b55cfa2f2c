package org.mapwright.monitor.docs;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.mapwright.core.Field;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.monitor.diagram.MappingDiagramLayout;
import org.mapwright.monitor.diagram.SvgDiagram;
import org.mapwright.monitor.history.ProjectVersion;
import org.mapwright.monitor.lineage.FieldInput;
import org.mapwright.monitor.lineage.FieldLineage;
import org.mapwright.monitor.lineage.LineageAnalyzer;
import org.mapwright.monitor.lineage.MappingLineage;
import org.mapwright.monitor.lineage.ProjectLineage;

/**
 * Generates the documentation of a project: one page ({@code index.md} or {@code index.html})
 * with the sources and their fields, and per mapping its diagram, joins, filters, every target
 * field with its expression and the source fields it reads, dataset-wide lineage, quality rules,
 * reject thresholds and outputs. Markdown pages link one SVG diagram per mapping
 * ({@code mapping-<name>.svg}); HTML pages embed them, so the page is self-contained. The output
 * contains no timestamp and no absolute path: the same project always gives the same bytes, and
 * the files can be committed and diffed. Settings are shown as in the project file, which never
 * holds secrets (only credential keys).
 */
public final class ProjectDocs {

    /** The page format. */
    public enum Format {
        MARKDOWN, HTML;

        /** @throws IllegalArgumentException for anything but {@code markdown}/{@code md} or {@code html} */
        public static Format parse(String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "markdown":
                case "md":
                    return MARKDOWN;
                case "html":
                    return HTML;
                default:
                    throw new IllegalArgumentException("unknown format '" + s + "' (expected markdown or html)");
            }
        }
    }

    private final LineageAnalyzer analyzer;
    private final MappingDiagramLayout layout;
    private final SvgDiagram svg;

    public ProjectDocs(LineageAnalyzer analyzer, MappingDiagramLayout layout) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.svg = new SvgDiagram(layout);
    }

    /**
     * Writes the documentation into a folder (created when missing); existing files of the same
     * names are replaced.
     *
     * @return the files written, page first
     */
    public List<Path> write(Project project, Path dir, Format format) throws IOException {
        Map<String, String> files = render(project, format);
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            out.add(file);
        }
        return out;
    }

    /** @return file name → content, the page first, then the diagrams (Markdown only) */
    public Map<String, String> render(Project project, Format format) {
        ProjectLineage lineage = analyzer.analyze(project);
        Map<String, String> diagrams = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (MappingLineage m : lineage.mappings()) {
            String base = "mapping-" + slug(m.mapping().name());
            String name = base + ".svg";
            for (int i = 2; !used.add(name); i++) {
                name = base + "-" + i + ".svg";
            }
            diagrams.put(m.mapping().id(), name);
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (format == Format.HTML) {
            out.put("index.html", new Html(project, lineage).page());
            return out;
        }
        out.put("index.md", new Markdown(project, lineage, diagrams).page());
        for (MappingLineage m : lineage.mappings()) {
            out.put(diagrams.get(m.mapping().id()), svg.toSvg(layout.layout(m)));
        }
        return out;
    }

    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "mapping" : s;
    }

    /** The facts of a page, written as Markdown or HTML by the subclasses. */
    private abstract static class Page {
        final Project project;
        final ProjectLineage lineage;
        final StringBuilder b = new StringBuilder();

        Page(Project project, ProjectLineage lineage) {
            this.project = project;
            this.lineage = lineage;
        }

        abstract void heading(int level, String text);

        abstract void paragraph(String... parts);

        abstract String code(String text);

        abstract String strong(String text);

        abstract void table(List<String> header, List<List<String>> rows);

        abstract void diagram(MappingLineage m);

        /** A cell already formatted by {@link #code} or {@link #strong}, or plain text to escape. */
        abstract String plain(String text);

        String page() {
            heading(1, project.name());
            paragraph(plain("Generated by mapwright docs from the project file (project version "), code(ProjectVersion.shortForm(
                    ProjectVersion.of(project))), plain("). " + project.sources().size() + " source" + plural(project.sources().size())
                            + ", " + project.mappings().size() + " mapping" + plural(project.mappings().size()) + "."));
            heading(2, "Sources");
            for (SourceDef s : project.sources()) {
                heading(3, s.name());
                paragraph(plain("Connector "), code(s.connector()), plain(". Settings: "), settings(s.settings()), plain("."));
                fieldTable(s.schema());
            }
            for (MappingLineage m : lineage.mappings()) {
                mapping(m);
            }
            return b.toString();
        }

        private void fieldTable(Schema schema) {
            List<List<String>> rows = new ArrayList<>();
            for (Field f : schema.allFields()) {
                rows.add(List.of(plain(schema.pathOf(f.id()).orElse(f.name())), plain(type(f)), plain(f.nullable() ? "yes" : "no"),
                        plain(f.key() ? "yes" : ""), f.format() == null ? "" : code(f.format())));
            }
            table(List.of("Field", "Type", "Nullable", "Key", "Format"), rows);
        }

        private void mapping(MappingLineage ml) {
            MappingDef m = ml.mapping();
            heading(2, "Mapping " + m.name());
            diagram(ml);
            String primary = project.source(m.sourceId()).map(SourceDef::name).orElse(m.sourceId());
            List<String> reads = new ArrayList<>();
            reads.add(plain("Reads "));
            reads.add(strong(primary));
            for (JoinDef j : m.joins()) {
                String joined = project.source(j.sourceId()).map(SourceDef::name).orElse(j.sourceId());
                reads.add(plain(", " + j.kind().name().toLowerCase(Locale.ROOT) + " join "));
                reads.add(strong(joined));
                reads.add(plain(" on "));
                reads.add(code(j.keys().stream().map(k -> k.left() + " = " + k.right()).collect(Collectors.joining(" and "))));
            }
            reads.add(plain("."));
            paragraph(reads.toArray(new String[0]));
            if (m.filter() != null) {
                paragraph(plain("Input filter: "), code(m.filter()), plain(" (rows where it is not true are left out)."));
            }
            heading(3, "Target fields");
            List<List<String>> rows = new ArrayList<>();
            for (FieldLineage f : ml.fields()) {
                rows.add(List.of(plain(f.path()), plain(type(f.field())), plain(f.field().nullable() ? "yes" : "no"),
                        plain(f.field().key() ? "yes" : ""), f.expression() == null ? plain("(not mapped)") : code(f.expression()),
                        plain(f.sourceFields().stream().map(s -> s.qualifiedPath()).collect(Collectors.joining(", ")))));
            }
            table(List.of("Field", "Type", "Nullable", "Key", "Expression", "Source fields"), rows);
            if (m.outputFilter() != null) {
                paragraph(plain("Output filter: "), code(m.outputFilter()), plain(" (target rows where it is not true are not written)."));
            }
            if (!ml.datasetInputs().isEmpty()) {
                heading(3, "Fields that shape the whole target");
                List<List<String>> inputs = new ArrayList<>();
                for (FieldInput in : ml.datasetInputs()) {
                    inputs.add(List.of(plain(in.field().qualifiedPath()), plain(in.transformation().subtype().toLowerCase(Locale.ROOT)
                            .replace('_', ' ')), plain(in.transformation().description() == null ? "" : in.transformation().description())));
                }
                table(List.of("Source field", "Role", "Where"), inputs);
            }
            heading(3, "Quality rules");
            if (m.rules().isEmpty()) {
                paragraph(plain("None."));
            } else {
                List<List<String>> rules = new ArrayList<>();
                for (RuleDef r : m.rules()) {
                    rules.add(List.of(plain(r.id()), plain(r.kind().id()), plain(m.targetSchema().pathOf(r.targetFieldId())
                            .orElse(r.targetFieldId())), r.settings().asMap().isEmpty() ? "" : settings(r.settings()), plain(r.action().id())));
                }
                table(List.of("Rule", "Kind", "Field", "Settings", "Action"), rules);
            }
            paragraph(plain("Rejected rows: " + threshold(m) + "."));
            heading(3, "Outputs");
            if (m.outputs().isEmpty()) {
                paragraph(plain("None."));
            } else {
                List<List<String>> outputs = new ArrayList<>();
                for (OutputDef o : m.outputs()) {
                    outputs.add(List.of(plain(o.id()), code(o.connector()), settings(o.settings())));
                }
                table(List.of("Output", "Connector", "Settings"), outputs);
            }
        }

        private String settings(Settings s) {
            if (s.asMap().isEmpty()) {
                return plain("none");
            }
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Object> e : s.asMap().entrySet()) {
                parts.add(code(e.getKey() + "=" + e.getValue()));
            }
            return String.join(plain(", "), parts);
        }

        private static String threshold(MappingDef m) {
            List<String> limits = new ArrayList<>();
            if (m.maxRejectedRows() >= 0) {
                limits.add("the run fails above " + m.maxRejectedRows() + " rows");
            }
            if (m.maxRejectedPercent() >= 0) {
                limits.add("the run fails above " + new BigDecimal(Double.toString(m.maxRejectedPercent())).stripTrailingZeros()
                        .toPlainString() + "% of the rows read");
            }
            return limits.isEmpty() ? "no limit" : String.join(", and ", limits);
        }

        private static String type(Field f) {
            return f.type().id() + (f.repeated() ? "[]" : "");
        }

        private static String plural(int n) {
            return n == 1 ? "" : "s";
        }
    }

    private static final class Markdown extends Page {
        private final Map<String, String> diagrams;

        Markdown(Project project, ProjectLineage lineage, Map<String, String> diagrams) {
            super(project, lineage);
            this.diagrams = diagrams;
        }

        @Override
        void heading(int level, String text) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append("#".repeat(level)).append(' ').append(plain(text)).append('\n');
        }

        @Override
        void paragraph(String... parts) {
            b.append('\n').append(String.join("", parts)).append('\n');
        }

        @Override
        String code(String text) {
            String t = oneLine(text);
            int longest = 0;
            int run = 0;
            for (int i = 0; i < t.length(); i++) {
                run = t.charAt(i) == '`' ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            String fence = "`".repeat(longest + 1);
            String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
            // Inside a table a pipe ends the cell even in a code span unless escaped (GitHub Flavored Markdown).
            return fence + pad + t.replace("|", "\\|") + pad + fence;
        }

        @Override
        String strong(String text) {
            return "**" + plain(text) + "**";
        }

        @Override
        String plain(String text) {
            String t = oneLine(text);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                // An underscore inside a word never starts emphasis in GitHub Flavored Markdown; elsewhere it might.
                boolean looseUnderscore = c == '_' && (i == 0 || i == t.length() - 1 || !Character.isLetterOrDigit(t.charAt(i - 1))
                        || !Character.isLetterOrDigit(t.charAt(i + 1)));
                if ("\\`*[]<|".indexOf(c) >= 0 || looseUnderscore || (c == '#' && i == 0)) {
                    out.append('\\');
                }
                out.append(c);
            }
            return out.toString();
        }

        @Override
        void table(List<String> header, List<List<String>> rows) {
            b.append('\n').append("| ").append(String.join(" | ", header.stream().map(this::plain).toList())).append(" |\n");
            b.append("|").append(" --- |".repeat(header.size())).append('\n');
            for (List<String> row : rows) {
                b.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
        }

        @Override
        void diagram(MappingLineage m) {
            b.append('\n').append("![Diagram of mapping ").append(plain(m.mapping().name())).append("](")
                    .append(diagrams.get(m.mapping().id())).append(")\n");
        }
    }

    private final class Html extends Page {

        Html(Project project, ProjectLineage lineage) {
            super(project, lineage);
        }

        @Override
        String page() {
            String body = super.page();
            return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + plain(project.name())
                    + "</title>\n<style>\nbody { font-family: sans-serif; margin: 2em; max-width: 80em; }\n"
                    + "table { border-collapse: collapse; margin: 0.5em 0; }\n"
                    + "th, td { border: 1px solid #c8ced6; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }\n"
                    + "th { background: #eef1f5; }\ncode { background: #f3f4f6; padding: 0 0.2em; }\n"
                    + ".diagram { overflow-x: auto; }\n</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
        }

        @Override
        void heading(int level, String text) {
            b.append("<h").append(level).append('>').append(plain(text)).append("</h").append(level).append(">\n");
        }

        @Override
        void paragraph(String... parts) {
            b.append("<p>").append(String.join("", parts)).append("</p>\n");
        }

        @Override
        String code(String text) {
            return "<code>" + plain(text) + "</code>";
        }

        @Override
        String strong(String text) {
            return "<strong>" + plain(text) + "</strong>";
        }

        @Override
        String plain(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }

        @Override
        void table(List<String> header, List<List<String>> rows) {
            b.append("<table>\n<thead><tr>");
            for (String h : header) {
                b.append("<th>").append(plain(h)).append("</th>");
            }
            b.append("</tr></thead>\n<tbody>\n");
            for (List<String> row : rows) {
                b.append("<tr>");
                for (String cell : row) {
                    b.append("<td>").append(cell).append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }

        @Override
        void diagram(MappingLineage m) {
            b.append("<div class=\"diagram\">\n").append(svg.element(layout.layout(m))).append("</div>\n");
        }
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
