package org.mapwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportJsonTest {

    @TempDir
    Path dir;

    static RunReport sample() {
        RunReport.MappingReport m = new RunReport.MappingReport("m1", "customers", RunStatus.FAILED_DATA, 10, 6, 3, 1, 0, 2_000_000,
                Duration.ofSeconds(2), List.of(new RunReport.RuleReport("r1", "not-null", "email", "reject", 2)),
                List.of(new RunReport.OutputReport("o1", "csv", "out/customers.csv")), "/p/rejects/customers.rejects.csv",
                List.of("lookup 'countries' has 1 duplicate"), List.of(new Reject(4, "in.csv", 5, "email", "r1", "is null", "raw, not in report")),
                "more than 2 rows rejected");
        return new RunReport("demo", RunStatus.FAILED_DATA, Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T10:00:02.5Z"),
                "more than 2 rows rejected", List.of(m));
    }

    @Test
    void writesEveryKeyInTheDocumentedOrder() {
        String expected = """
                {
                  "formatVersion": 1,
                  "project": "demo",
                  "status": "failed-data",
                  "startTime": "2024-05-01T10:00:00Z",
                  "endTime": "2024-05-01T10:00:02.500Z",
                  "durationMillis": 2500,
                  "error": "more than 2 rows rejected",
                  "mappings": [
                    {
                      "id": "m1",
                      "name": "customers",
                      "status": "failed-data",
                      "rowsRead": 10,
                      "rowsWritten": 6,
                      "rowsRejected": 3,
                      "rowsFiltered": 1,
                      "rowsMerged": 0,
                      "bytesRead": 2000000,
                      "durationMillis": 2000,
                      "rowsPerSecond": 5,
                      "megabytesPerSecond": 1.0,
                      "rules": [
                        {
                          "id": "r1",
                          "kind": "not-null",
                          "field": "email",
                          "action": "reject",
                          "violations": 2
                        }
                      ],
                      "outputs": [
                        {
                          "id": "o1",
                          "connector": "csv",
                          "description": "out/customers.csv"
                        }
                      ],
                      "rejectsFile": "/p/rejects/customers.rejects.csv",
                      "warnings": [
                        "lookup 'countries' has 1 duplicate"
                      ],
                      "firstRejects": [
                        {
                          "record": 4,
                          "file": "in.csv",
                          "line": 5,
                          "field": "email",
                          "rule": "r1",
                          "reason": "is null"
                        }
                      ],
                      "error": "more than 2 rows rejected"
                    }
                  ]
                }
                """;
        assertEquals(expected, new RunReportJson().toJson(sample()));
    }

    @Test
    void unknownValuesAreNullAndKeysStayPresent() throws Exception {
        RunReport.MappingReport m = new RunReport.MappingReport("m1", "x", RunStatus.SUCCEEDED, 0, 0, 0, 0, 0, -1, Duration.ZERO,
                List.of(), List.of(), null, List.of(), List.of(new Reject(-1, null, -1, null, "bad-record", "why", null)), null);
        RunReport r = new RunReport("p", RunStatus.SUCCEEDED, Instant.EPOCH, Instant.EPOCH, null, List.of(m));
        Path file = dir.resolve("reports/run.json");
        new RunReportJson().write(r, file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"bytesRead\": null,"), json);
        assertTrue(json.contains("\"megabytesPerSecond\": null,"), json);
        assertTrue(json.contains("\"rejectsFile\": null,"), json);
        assertTrue(json.contains("\"record\": null,"), json);
        assertTrue(json.contains("\"error\": null\n"), json);
        assertTrue(json.endsWith("}\n"));
    }
}
