package org.mapwright.monitor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.monitor.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The text and JSON forms of {@code mapwright history}. */
class HistoryRenderingTest {

    private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");
    private static final String VERSION = "0123456789abcdef".repeat(4);

    @TempDir
    static Path dir;

    private static HistoryStore store;

    @BeforeAll
    static void recordThreeRuns() throws HistoryException {
        store = HistoryStore.h2(dir.resolve("history"));
        store.record("shop", VERSION, Fixtures.report("shop", T0, 100, 80, 20, 20), "cli");
        store.record("shop", VERSION, Fixtures.report("shop", T0.plusSeconds(3600), 100, 90, 10, 10), "cli");
        store.record("shop", VERSION, Fixtures.report("shop", T0.plusSeconds(7200), 200, 200, 0, 0), "workbench");
    }

    private static HistoryStore threeRuns() {
        return store;
    }

    @Test
    void sparklinesScaleBetweenMinimumAndMaximum() {
        assertEquals("▁▅█", Sparkline.of(0, 50, 100));
        assertEquals("▁▂█", Sparkline.of(0, 10, 100));
        assertEquals("▁▁▁", Sparkline.of(0, 0, 0), "nothing sits at the bottom");
        assertEquals("▄▄", Sparkline.of(7, 7), "steady sits in the middle");
        assertEquals("", Sparkline.of());
    }

    @Test
    void overviewTextShowsRunsTrendsAndRulePassRates() throws Exception {
        HistoryStore store = threeRuns();
        String text = new HistoryText().overview(HistoryOverview.read(store, "shop", 2));
        List<String> lines = text.lines().toList();
        assertEquals("shop: last 2 of 3 runs, newest first", lines.get(0));
        assertEquals("store: " + store.description(), lines.get(1));
        assertTrue(lines.get(3).startsWith("RUN  STARTED (UTC)        STATUS     VERSION       READ  WRITTEN  REJECTED  REJECT %"), lines.get(3));
        assertTrue(lines.get(4).matches("  3  2024-06-01 14:00:00  succeeded  0123456789ab   210      204         0      0\\.0%    1\\.50 s     140"),
                lines.get(4));
        assertTrue(lines.get(5).contains("  2  2024-06-01 13:00:00  succeeded") && lines.get(5).contains("9.1%"), lines.get(5));
        assertTrue(text.contains("  rows written  ▁█  94 → 204\n"), text);
        assertTrue(text.contains("  reject %      █▁  9.1% → 0.0%\n"), text);
        assertTrue(text.contains("  orders: r_email not-null email (reject)  ▁█  last 100.0%, mean 95.0%\n"), text);
    }

    @Test
    void anEmptyHistorySaysSo() throws Exception {
        HistoryStore store = HistoryStore.h2(dir.resolve("none"));
        assertEquals("No runs of \"shop\" recorded yet in " + store.description() + ".\n",
                new HistoryText().overview(HistoryOverview.read(store, "shop", 20)));
    }

    @Test
    void runTextShowsMappingsRulesOutputsAndFirstRejects() throws Exception {
        HistoryStore store = threeRuns();
        String text = new HistoryText().run(store.run(2).orElseThrow());
        assertTrue(text.startsWith("Run 2 of shop: succeeded\n"), text);
        assertTrue(text.contains("  version   " + VERSION + "\n"), text);
        assertTrue(text.contains("Mapping orders: succeeded — 100 read, 90 written, 10 rejected, 0 filtered, 0 merged in 1.20 s (83 rows/s)\n"),
                text);
        assertTrue(text.contains("  rule r_email not-null on email (reject): 10 violations, pass rate 90.0%\n"), text);
        assertTrue(text.contains("  wrote csv out/orders.csv\n"), text);
        assertTrue(text.contains("    record 3, line 4, amount — bad-value: '12x' is not a decimal number\n"), text);
        assertTrue(text.contains("  warning: duplicate key 'x' in lookup countries\n"), text);
    }

    @Test
    void overviewJsonHasTheDocumentedKeysInOrder() throws Exception {
        HistoryStore store = threeRuns();
        String json = new HistoryJson().overview(HistoryOverview.read(store, "shop", 20));
        assertTrue(json.startsWith("{\n  \"formatVersion\": 1,\n  \"project\": \"shop\",\n"), json);
        assertTrue(json.endsWith("}\n"));
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals(List.of("formatVersion", "project", "store", "totalRuns", "runs", "trend", "rules"), keys(root));
        assertEquals(List.of("id", "runId", "projectVersion", "origin", "status", "startTime", "endTime", "durationMillis", "rowsRead",
                "rowsWritten", "rowsRejected", "rowsFiltered", "rowsMerged", "rejectPercent", "rowsPerSecond", "mappingCount",
                "warningCount", "error"), keys(root.get("runs").get(0)));
        assertEquals(3, root.get("runs").get(0).get("id").asInt(), "newest first");
        assertEquals("[1,2,3]", root.get("trend").get("runs").toString(), "trends oldest first");
        assertEquals("[18.18,9.09,0]", root.get("trend").get("rejectPercent").toString());
        JsonNode rule = root.get("rules").get(0);
        assertEquals(List.of("mappingId", "mapping", "ruleId", "kind", "field", "action", "lastPassRate", "meanPassRate", "points"), keys(rule));
        assertEquals("{\"run\":1,\"rowsChecked\":100,\"violations\":20,\"passRate\":0.8}", rule.get("points").get(0).toString());
    }

    @Test
    void runJsonHasEveryMappingDetail() throws Exception {
        HistoryStore store = threeRuns();
        String json = new HistoryJson().run(store.description(), store.run(1).orElseThrow());
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals(List.of("formatVersion", "project", "store", "run"), keys(root));
        JsonNode m = root.get("run").get("mappings").get(0);
        assertEquals(List.of("id", "name", "status", "rowsRead", "rowsWritten", "rowsRejected", "rowsFiltered", "rowsMerged", "bytesRead",
                "durationMillis", "rowsPerSecond", "rules", "outputs", "rejectsFile", "warnings", "firstRejects", "error"), keys(m));
        assertEquals("{\"id\":\"r_email\",\"kind\":\"not-null\",\"field\":\"email\",\"action\":\"reject\",\"violations\":20,\"rowsChecked\":100,"
                + "\"passRate\":0.8}", m.get("rules").get(0).toString());
        assertEquals("{\"record\":7,\"file\":\"orders.csv\",\"line\":null,\"field\":\"email\",\"rule\":\"r_email\",\"reason\":\"email is empty\"}",
                m.get("firstRejects").get(1).toString());
        assertTrue(root.get("run").get("mappings").get(1).get("bytesRead").isNull(), "unknown byte counts are null");
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }
}
