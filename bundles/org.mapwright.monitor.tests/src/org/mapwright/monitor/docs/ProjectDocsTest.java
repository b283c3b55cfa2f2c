package org.mapwright.monitor.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.MappingEngine;
import org.mapwright.monitor.Fixtures;
import org.mapwright.monitor.diagram.MappingDiagramLayout;
import org.mapwright.monitor.lineage.LineageAnalyzer;
import org.mapwright.runtime.StandardConnectors;

class ProjectDocsTest {

    @TempDir
    Path dir;

    private final ProjectDocs docs = new ProjectDocs(new LineageAnalyzer(new MappingEngine(StandardConnectors.registry())),
            new MappingDiagramLayout());

    @Test
    void sampleProjectDocumentationMatchesTheGoldenFiles() throws Exception {
        Project p = new ProjectIO().read(Fixtures.sampleProject());
        List<Path> files = docs.write(p, dir, ProjectDocs.Format.MARKDOWN);
        assertEquals(List.of(dir.resolve("index.md"), dir.resolve("mapping-customers.svg")), files);
        Path golden = Fixtures.testdata().resolve("docs/sample-project");
        for (Path f : files) {
            Fixtures.assertGolden(golden.resolve(f.getFileName().toString()), Files.readString(f, StandardCharsets.UTF_8));
        }
    }

    @Test
    void theSameProjectGivesTheSameBytes() throws Exception {
        Project p = new ProjectIO().read(Fixtures.sampleProject());
        assertEquals(docs.render(p, ProjectDocs.Format.MARKDOWN), docs.render(p, ProjectDocs.Format.MARKDOWN));
        assertEquals(docs.render(p, ProjectDocs.Format.HTML), docs.render(p, ProjectDocs.Format.HTML));
    }

    @Test
    void htmlIsOneSelfContainedPageWithTheDiagramInline() throws Exception {
        Project p = new ProjectIO().read(Fixtures.sampleProject());
        Map<String, String> files = docs.render(p, ProjectDocs.Format.HTML);
        assertEquals(List.of("index.html"), List.copyOf(files.keySet()));
        String html = files.get("index.html");
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html);
        assertTrue(html.contains("<div class=\"diagram\">\n<svg xmlns=\"http://www.w3.org/2000/svg\""), "diagram inline");
        assertFalse(html.contains("<?xml"), "no XML declaration inside HTML");
        assertFalse(html.contains("<script") || html.contains("href=") || html.contains("src="), "nothing external, nothing active");
        assertTrue(html.contains("<code>trim(first_name) || &#39;".replace("&#39;", "'")), html);
    }

    @Test
    void textFromTheProjectIsEscapedInEveryFormat() throws Exception {
        Schema source = Schema.of(List.of(Field.of("s1", "a|b", DataType.TEXT), Field.of("s2", "x", DataType.INTEGER)));
        Schema target = Schema.of(List.of(Field.of("t1", "<b>name</b>", DataType.TEXT), Field.of("t2", "flag", DataType.BOOLEAN)));
        MappingDef m = MappingDef.simple("m", "m & <n>", "src", target)
                .withFieldMappings(List.of(new FieldMapping("t1", "\"a|b\" || '`'"), new FieldMapping("t2", "x < 3")));
        Project p = new Project("Tricky <script>alert(1)</script>",
                List.of(new SourceDef("src", "src", "csv", Settings.of(Map.of("path", "in.csv")), source)), List.of(m));
        Map<String, String> md = docs.render(p, ProjectDocs.Format.MARKDOWN);
        String page = md.get("index.md");
        assertTrue(page.startsWith("# Tricky \\<script>alert(1)\\</script>\n"), page);
        assertTrue(page.contains("| \\<b>name\\</b> | text | yes |  | ``\"a\\|b\" \\|\\| '`'`` | src.a\\|b |"), page);
        assertTrue(page.contains("| flag | boolean | yes |  | `x < 3` | src.x |"), page);
        String svg = md.get("mapping-m-n.svg");
        assertTrue(svg.contains("&lt;b&gt;name&lt;/b&gt;") && !svg.contains("<b>"), svg);
        String html = docs.render(p, ProjectDocs.Format.HTML).get("index.html");
        assertFalse(html.contains("<script>"), "no markup from the project reaches the page");
        assertTrue(html.contains("<title>Tricky &lt;script&gt;alert(1)&lt;/script&gt;</title>"), html);
    }

    @Test
    void diagramFilesOfMappingsWithTheSameNameDoNotClash() {
        Schema s = Schema.of(List.of(Field.of("s1", "a", DataType.TEXT)));
        Schema t = Schema.of(List.of(Field.of("t1", "a", DataType.TEXT)));
        MappingDef m1 = MappingDef.simple("m1", "Load", "src", t).withFieldMappings(List.of(new FieldMapping("t1", "a")));
        MappingDef m2 = MappingDef.simple("m2", "load!", "src", t).withFieldMappings(List.of(new FieldMapping("t1", "a")));
        Project p = new Project("two", List.of(new SourceDef("src", "src", "csv", Settings.of(Map.of("path", "in.csv")), s)), List.of(m1, m2));
        assertEquals(List.of("index.md", "mapping-load.svg", "mapping-load-2.svg"),
                List.copyOf(docs.render(p, ProjectDocs.Format.MARKDOWN).keySet()));
    }

    @Test
    void formatsAreParsedByName() {
        assertEquals(ProjectDocs.Format.MARKDOWN, ProjectDocs.Format.parse("md"));
        assertEquals(ProjectDocs.Format.HTML, ProjectDocs.Format.parse(" HTML "));
        assertThrows(IllegalArgumentException.class, () -> ProjectDocs.Format.parse("pdf"));
    }
}
