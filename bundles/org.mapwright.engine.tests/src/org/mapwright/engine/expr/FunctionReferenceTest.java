package org.mapwright.engine.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * FUNCTIONS.md is generated from the function metadata. After changing a function, regenerate it
 * by running this test with {@code -Dmapwright.regenerate=true}.
 */
class FunctionReferenceTest {

    private static Path referenceFile() {
        String repo = System.getProperty("mapwright.repo");
        if (repo != null) {
            return Path.of(repo, "bundles", "org.mapwright.engine", "FUNCTIONS.md");
        }
        return Cases.dataDir().toAbsolutePath().getParent().getParent().resolve("org.mapwright.engine").resolve("FUNCTIONS.md");
    }

    @Test
    void committedReferenceMatchesTheLibrary() throws Exception {
        String generated = FunctionReference.markdown(Functions.standard());
        Path file = referenceFile();
        if (Boolean.getBoolean("mapwright.regenerate")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), file + " is missing; run this test with -Dmapwright.regenerate=true to create it");
        String committed = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(generated, committed, file + " is out of date with the function library; "
                + "run FunctionReferenceTest with -Dmapwright.regenerate=true to rewrite it");
    }

    @Test
    void referenceDocumentsEveryFunctionWithSignatureAndExample() {
        String md = FunctionReference.markdown(Functions.standard());
        for (FunctionInfo f : Functions.standard().functions()) {
            assertTrue(md.contains("\n### " + f.name() + "\n"), f.name());
            assertTrue(md.contains(f.example()), f.name());
        }
        assertTrue(md.contains("- `round(value decimal, digits integer) → decimal`"));
        assertTrue(md.contains("- `count(*) → integer`"));
    }
}
