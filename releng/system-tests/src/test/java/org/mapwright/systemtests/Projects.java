package org.mapwright.systemtests;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/** Generated inputs and projects for the system tests, written into temporary folders. */
public final class Projects {

    private Projects() {
    }

    /**
     * Writes {@code orders.csv}: {@code id,name,email,amount,quantity,day} with ids 1..rows. Every
     * {@code badEvery}-th row (0 = none) has an amount that is not a number, so runs reject it.
     *
     * @return the number of good rows
     */
    public static long ordersCsv(Path file, long rows, int badEvery) throws IOException {
        Random r = new Random(rows);
        long good = 0;
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,name,email,amount,quantity,day\n");
            StringBuilder b = new StringBuilder(128);
            for (long i = 1; i <= rows; i++) {
                boolean bad = badEvery > 0 && i % badEvery == 0;
                b.setLength(0);
                b.append(i).append(",Name ").append(i).append(",user").append(i).append("@example.com,");
                if (bad) {
                    b.append("n/a");
                } else {
                    b.append(r.nextInt(100_000) / 100).append('.').append(10 + r.nextInt(90));
                    good++;
                }
                b.append(',').append(1 + r.nextInt(9)).append(",2024-").append(String.format("%02d-%02d", 1 + i % 12, 1 + i % 28)).append('\n');
                w.write(b.toString());
            }
        }
        return good;
    }

    /** A CSV output at {@code path} (relative to the output folder). */
    public static String csvOutput(String id, String path) {
        return "{\"id\": \"" + id + "\", \"connector\": \"csv\", \"settings\": {\"header\": true, \"path\": \"" + path + "\"}}";
    }

    /** An Excel output at {@code path}. */
    public static String excelOutput(String id, String path) {
        return "{\"id\": \"" + id + "\", \"connector\": \"excel\", \"settings\": {\"path\": \"" + path + "\"}}";
    }

    /** An H2 table output; {@code extra} are more {@code "key": value} settings or empty. */
    public static String h2Output(String id, String path, String table, String mode, String extra) {
        return "{\"id\": \"" + id + "\", \"connector\": \"jdbc\", \"settings\": {\"driver\": \"h2\", \"path\": \"" + path
                + "\", \"table\": \"" + table + "\", \"mode\": \"" + mode + "\", \"batchSize\": 1000" + (extra.isEmpty() ? "" : ", " + extra) + "}}";
    }

    /**
     * Writes a project with one source (the orders CSV written by {@link #ordersCsv}, by absolute
     * path) and one mapping {@code orders} onto {@code order_id (key), name, email, total, day}.
     *
     * @param filter  the mapping's filter expression, or null
     * @param outputs output JSON objects ({@link #csvOutput}, {@link #h2Output})
     */
    public static Path ordersProject(Path dir, Path source, String filter, List<String> outputs) throws IOException {
        return ordersProject(dir, "{\"path\": " + json(source.toAbsolutePath().toString())
                + ", \"header\": true, \"delimiter\": \",\", \"encoding\": \"UTF-8\", \"quote\": \"\\\"\"}", "csv", filter, outputs);
    }

    /** Like {@link #ordersProject(Path, Path, String, List)} with any source connector and settings JSON. */
    public static Path ordersProject(Path dir, String sourceSettings, String connector, String filter, List<String> outputs) throws IOException {
        Files.createDirectories(dir);
        String json = """
                {
                  "formatVersion": 1,
                  "name": "orders (system test)",
                  "sources": [
                    {"id": "src_orders", "name": "orders", "connector": "%s",
                     "settings": %s,
                     "schema": {"fields": [
                       {"id": "f_id", "name": "id", "type": "integer", "nullable": false, "key": true},
                       {"id": "f_name", "name": "name", "type": "text", "nullable": true, "key": false},
                       {"id": "f_email", "name": "email", "type": "text", "nullable": true, "key": false},
                       {"id": "f_amount", "name": "amount", "type": "decimal", "nullable": true, "key": false},
                       {"id": "f_qty", "name": "quantity", "type": "integer", "nullable": true, "key": false},
                       {"id": "f_day", "name": "day", "type": "date", "nullable": true, "key": false}
                     ]}}
                  ],
                  "mappings": [
                    {"id": "map_orders", "name": "orders", "source": "src_orders",%s
                     "target": {"fields": [
                       {"id": "t_id", "name": "order_id", "type": "integer", "nullable": false, "key": true},
                       {"id": "t_name", "name": "name", "type": "text", "nullable": true, "key": false},
                       {"id": "t_email", "name": "email", "type": "text", "nullable": true, "key": false},
                       {"id": "t_total", "name": "total", "type": "decimal", "nullable": true, "key": false},
                       {"id": "t_day", "name": "day", "type": "date", "nullable": true, "key": false}
                     ]},
                     "fieldMappings": [
                       {"target": "t_id", "expression": "id"},
                       {"target": "t_name", "expression": "upper(name)"},
                       {"target": "t_email", "expression": "email"},
                       {"target": "t_total", "expression": "round(amount * quantity, 2)"},
                       {"target": "t_day", "expression": "day"}
                     ],
                     "maxRejectedPercent": 50.0,
                     "outputs": [
                       %s
                     ]}
                  ]
                }
                """.formatted(connector, sourceSettings, filter == null ? "" : "\n     \"filter\": " + json(filter) + ",",
                outputs.stream().collect(Collectors.joining(",\n      ")));
        Files.writeString(dir.resolve("mapwright.json"), json, StandardCharsets.UTF_8);
        return dir;
    }

    /** @return {@code s} as a JSON string literal */
    public static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
