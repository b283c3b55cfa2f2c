package org.mapwright.connector.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.RecordReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every {@code csv-spectrum/csvs/*.csv} reads as exactly the records of the JSON file of the same
 * name. Two upstream defects of the corpus (csv-spectrum 2.0.0) are corrected here and only here:
 * {@code location_coordinates.json} holds one object instead of an array (issue #22), and its phone
 * number is {@code 1234567890} while the CSV says {@code 2095257564} (issue #20).
 */
class CsvSpectrumCorpusTest {

    private static final Path CORPUS = Path.of(System.getProperty("mapwright.corpora", "/work/shared/corpora"), "csv-spectrum");

    static Stream<String> cases() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CORPUS.resolve("csvs")),
                "csv-spectrum corpus not found at " + CORPUS + "; set -Dmapwright.corpora to the shared corpora folder");
        try (Stream<Path> files = Files.list(CORPUS.resolve("csvs"))) {
            return files.map(p -> p.getFileName().toString().replace(".csv", "")).sorted().toList().stream();
        }
    }

    @Test
    void corpusHasTwelveCases() throws IOException {
        assertEquals(12, cases().count());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void readsCsvSpectrumCaseAsItsJsonRecords(String name) throws Exception {
        Path csv = CORPUS.resolve("csvs").resolve(name + ".csv");
        List<Map<String, String>> expected = expected(name);
        // the corpus states neither dialect nor header: detection has to get them right
        RecordReader reader = CsvFixtures.connector().open(CsvFixtures.context(csv.getParent()),
                CsvFixtures.settings(csv), Schema.empty());
        Schema schema = reader.schema();
        CsvFixtures.Outcome out = CsvFixtures.readAll(reader);
        assertTrue(out.errors().isEmpty(), () -> "errors: " + out.reasons());
        List<Map<String, String>> actual = new ArrayList<>();
        for (List<Object> r : out.records()) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < r.size(); i++) {
                // the JSON files have no nulls: an empty field is the empty string there
                m.put(schema.fields().get(i).name(), r.get(i) == null ? "" : (String) r.get(i));
            }
            actual.add(m);
        }
        assertEquals(expected, actual);
    }

    private static List<Map<String, String>> expected(String name) throws IOException {
        JsonNode json = new ObjectMapper().readTree(CORPUS.resolve("json").resolve(name + ".json").toFile());
        List<JsonNode> objects = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(objects::add);
        } else {
            objects.add(json);
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode o : objects) {
            Map<String, String> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                m.put(e.getKey(), e.getValue().asText());
            }
            if (name.equals("location_coordinates") && "1234567890".equals(m.get("Contact Phone Number"))) {
                m.put("Contact Phone Number", "2095257564");
            }
            out.add(m);
        }
        return out;
    }
}
