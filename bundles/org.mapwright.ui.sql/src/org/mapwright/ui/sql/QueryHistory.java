package org.mapwright.ui.sql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The most recent queries of the SQL console, newest first, kept in a JSON file of the workspace
 * (not the project: queries are the analyst's, not part of the mapping). Running a query again
 * moves it to the top. A missing file is an empty history; an unreadable one is reported by
 * {@link #load} and replaced at the next save.
 *
 * <p>File format: {@code {"formatVersion": 1, "queries": [{"sql": ..., "database": ..., "ranAt": ISO-8601}]}}.
 * Confined to one thread (the UI's).
 */
public final class QueryHistory {

    /** One remembered query. */
    public record Entry(String sql, String database, Instant ranAt) {
    }

    public static final int FORMAT_VERSION = 1;
    /** How many queries are kept. */
    public static final int DEFAULT_LIMIT = 50;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final int limit;
    private final List<Entry> entries = new ArrayList<>();

    public QueryHistory(Path file, int limit) {
        this.file = Objects.requireNonNull(file, "file");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
    }

    public Path file() {
        return file;
    }

    /**
     * Reads the file.
     *
     * @return null, or why the file could not be read (the history then starts empty)
     */
    public String load() {
        entries.clear();
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            JsonNode queries = root == null ? null : root.get("queries");
            if (queries == null || !queries.isArray()) {
                return file + ": not a query history (no \"queries\" array)";
            }
            for (JsonNode q : queries) {
                if (q.hasNonNull("sql") && entries.size() < limit) {
                    entries.add(new Entry(q.get("sql").asText(), q.path("database").asText(""),
                            q.hasNonNull("ranAt") ? Instant.parse(q.get("ranAt").asText()) : Instant.EPOCH));
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            entries.clear();
            return file + ": cannot read the query history: " + e.getMessage();
        }
    }

    /** @return the queries, newest first */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Remembers a query as the newest and saves the history.
     *
     * @throws IOException naming the file when it cannot be written
     */
    public void add(String sql, String database, Instant when) throws IOException {
        String text = sql.strip();
        if (text.isEmpty()) {
            return;
        }
        entries.removeIf(e -> e.sql().equals(text));
        entries.add(0, new Entry(text, database == null ? "" : database, when));
        while (entries.size() > limit) {
            entries.remove(entries.size() - 1);
        }
        save();
    }

    private void save() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        ArrayNode queries = root.putArray("queries");
        for (Entry e : entries) {
            ObjectNode q = queries.addObject();
            q.put("sql", e.sql());
            q.put("database", e.database());
            q.put("ranAt", e.ranAt().toString());
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
