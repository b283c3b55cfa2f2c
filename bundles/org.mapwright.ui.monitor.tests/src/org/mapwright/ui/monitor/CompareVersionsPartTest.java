package org.mapwright.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.ui.model.ProjectEdits;

class CompareVersionsPartTest {

    private static final String EMAIL_TARGET = "t_em9s3v6w";

    @TempDir
    Path dir;

    private Bench bench;
    private Path project;

    @BeforeEach
    void open() throws Exception {
        bench = new Bench();
        project = Bench.copySample(dir.resolve("sample"));
    }

    @AfterEach
    void close() {
        bench.close();
    }

    private int rowWith(String after) {
        TableItem[] right = bench.shell.isDisposed() ? new TableItem[0] : part.right().getItems();
        for (int i = 0; i < right.length; i++) {
            if (right[i].getText(1).contains(after)) {
                return i;
            }
        }
        return -1;
    }

    private CompareVersionsPart part;

    @Test
    void showsBothSidesOfEachChangeInRowsThatLineUp() throws Exception {
        Path other = Bench.copySample(dir.resolve("other"));
        bench.session.open(project);
        part = bench.part(CompareVersionsPart.class);
        assertTrue(part.status().startsWith("Choose a version"), part.status());

        bench.session.execute("edit", ProjectEdits.setExpression("map_customers", EMAIL_TARGET, "upper(email)"));
        part.compareWith(other);
        bench.waitUntil(() -> !part.isLoading() && part.diffShown() != null, "the other version is read");
        assertEquals(part.left().getItemCount(), part.right().getItemCount(), "one row per change on each side");
        int row = rowWith("upper(email)");
        assertTrue(row >= 0, "the edited expression is on the right");
        assertEquals("lower(email)", part.left().getItem(row).getText(2), "and the other version's on the left, same row");
        assertTrue(part.status().contains("unsaved edits included"), part.status());

        part.left().setSelection(row);
        Bench.select(part.left());
        assertEquals(row, part.right().getSelectionIndex(), "selection follows across the panes");
        bench.screenshot("compare-versions");

        bench.session.document().undo();
        assertTrue(part.status().startsWith("The open project means the same as"), "the comparison follows undo: " + part.status());
        assertEquals(0, part.right().getItemCount());
    }

    @Test
    void comparesWithTheCommittedVersion() throws Exception {
        assumeTrue(git(project, "--version") == 0, "git is installed");
        assertEquals(0, git(project, "init", "-q"));
        assertEquals(0, git(project, "add", "mapwright.json"));
        assertEquals(0, git(project, "-c", "user.email=test@example.com", "-c", "user.name=Test", "commit", "-q", "-m", "mapped"));
        Bench.replaceInFile(project.resolve("mapwright.json"), "lower(email)", "trim(email)");
        bench.session.open(project);
        part = bench.part(CompareVersionsPart.class);

        part.compareWithGitHead();
        bench.waitUntil(() -> !part.isLoading() && part.diffShown() != null, "the committed version is read");
        int row = rowWith("trim(email)");
        assertTrue(row >= 0, "the saved but uncommitted change shows");
        assertEquals("lower(email)", part.left().getItem(row).getText(2));
    }

    @Test
    void saysWhyAVersionCannotBeRead() throws Exception {
        bench.session.open(project);
        part = bench.part(CompareVersionsPart.class);
        part.compareWithGitHead();
        bench.waitUntil(() -> !part.isLoading(), "git is asked");
        assertNull(part.diffShown());
        assertTrue(part.status().startsWith("Cannot read git HEAD of mapwright.json: "), part.status());

        part.compareWith(dir.resolve("missing"));
        bench.waitUntil(() -> !part.isLoading(), "the folder is tried");
        assertTrue(part.status().startsWith("Cannot read '"), part.status());
        assertTrue(part.status().contains("missing"), part.status());
    }

    private static int git(Path folder, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(folder.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return -1;
        }
        p.getInputStream().readAllBytes();
        assertNotNull(p);
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
