package org.mapwright.connector.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;

/**
 * nst/JSONTestSuite: every {@code y_} file is accepted, every {@code n_} file rejected with a
 * {@link DataException} (never another exception, never a hang), every {@code i_} file either
 * way but only ever with a DataException. Each file is read as a {@code document} whose record
 * path is {@code $}: the whole value is one record ({@code value} for non-objects).
 */
class JsonTestSuiteCorpusTest {

    /** A hang guard, not a speed measurement: every file is tiny. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(5);

    private static final Path CORPUS = Path.of(System.getProperty("mapwright.corpora", "/work/shared/corpora"),
            "json-test-suite", "test_parsing");

    /**
     * One dynamic test per corpus file; when the corpus is absent a single test that is skipped
     * with a message, so the build report shows the skip instead of silently running nothing.
     */
    private static Stream<DynamicTest> perFile(String prefix, FileCheck check) throws IOException {
        if (!Files.isDirectory(CORPUS)) {
            return Stream.of(DynamicTest.dynamicTest(prefix + "* files", () -> Assumptions.assumeTrue(false,
                    "JSONTestSuite corpus not found at " + CORPUS + " (set -Dmapwright.corpora)")));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
        if (files.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest(prefix + "* files", () -> Assumptions.assumeTrue(false,
                    "no " + prefix + "* files in " + CORPUS)));
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check.run(f)));
    }

    /** What one test asserts about one file. */
    @FunctionalInterface
    private interface FileCheck {
        void run(Path file) throws Throwable;
    }

    /** @return the single record, or the DataException the file was rejected with */
    private static Object read(Path file) throws Exception {
        ConnectorContext ctx = JsonFixtures.context(file.getParent());
        Settings settings = JsonFixtures.settings("path", file.getFileName().toString(), "format", "document", "recordPath", "$");
        try {
            JsonFixtures.Outcome out = JsonFixtures.inspectAndRead(ctx, settings);
            if (!out.rejected().isEmpty()) {
                return out.rejected().get(0);
            }
            assertEquals(1, out.records().size(), "a document with record path $ is exactly one record");
            return out.records().get(0);
        } catch (DataException e) {
            return e;
        }
    }

    @TestFactory
    Stream<DynamicTest> acceptsEveryValidDocument() throws IOException {
        return perFile("y_", f -> {
            Object result = assertTimeoutPreemptively(HANG_GUARD, () -> read(f));
            if (result instanceof DataException e) {
                fail("valid JSON rejected: " + e.getMessage());
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> rejectsEveryInvalidDocumentWithDataException() throws IOException {
        return perFile("n_", f -> {
            Object result = assertTimeoutPreemptively(HANG_GUARD, () -> read(f));
            if (!(result instanceof DataException e)) {
                fail("invalid JSON accepted as " + describe(result));
                return;
            }
            assertNotNull(e.reason());
            assertEquals(f.getFileName().toString(), e.location().file());
        });
    }

    @TestFactory
    Stream<DynamicTest> readsOrRejectsImplementationDefinedDocumentsCleanly() throws IOException {
        // any exception other than DataException escapes read() and fails the test
        return perFile("i_", f -> assertTimeoutPreemptively(HANG_GUARD, () -> read(f)));
    }

    private static String describe(Object record) {
        return record instanceof Object[] a ? java.util.Arrays.deepToString(a) : String.valueOf(record);
    }
}
