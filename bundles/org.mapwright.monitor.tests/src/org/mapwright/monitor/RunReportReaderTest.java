package org.mapwright.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunReportJson;

class RunReportReaderTest {

    @TempDir
    Path dir;

    private final RunReportReader reader = new RunReportReader();

    @Test
    void readsBackWhatRunReportJsonWrites() throws IOException {
        RunReport report = Fixtures.report("shop", Instant.parse("2024-06-01T12:00:00.123456789Z"), 100, 90, 4, 3);
        Path file = dir.resolve("report.json");
        new RunReportJson().write(report, file);
        assertEquals(report, reader.read(file));
    }

    @Test
    void refusesTextThatIsNotARunReportNamingTheFileAndKey() throws IOException {
        Path file = Files.writeString(dir.resolve("x.json"), "{\"formatVersion\": 1, \"status\": \"succeeded\", \"mappings\": []}");
        IOException e = assertThrows(IOException.class, () -> reader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": project is missing"), e.getMessage());
        IOException notJson = assertThrows(IOException.class, () -> reader.parse("{oops"));
        assertTrue(notJson.getMessage().startsWith("not JSON"), notJson.getMessage());
        IOException version = assertThrows(IOException.class, () -> reader.parse("{\"formatVersion\": 7}"));
        assertTrue(version.getMessage().contains("format version 7 is not supported"), version.getMessage());
        IOException status = assertThrows(IOException.class, () -> reader.parse(new RunReportJson()
                .toJson(Fixtures.report("p", Instant.EPOCH, 1, 1, 0, 0)).replace("\"status\": \"succeeded\"", "\"status\": \"done\"")));
        assertTrue(status.getMessage().contains("status 'done' is unknown"), status.getMessage());
    }
}
