package org.mapwright.monitor.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.mapwright.core.Project;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.engine.Reject;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.RunReport.OutputReport;
import org.mapwright.engine.RunReport.RuleReport;
import org.mapwright.engine.RunStatus;
import org.mapwright.internal.monitor.history.Database;
import org.mapwright.internal.monitor.history.Migrations;
import org.mapwright.internal.monitor.history.Migrations.NewerSchemaException;

/**
 * The run history: every recorded run with its per-mapping row accounting, rule violations,
 * outputs, warnings and first rejects, in an embedded H2 file or a PostgreSQL database. The store
 * creates and upgrades its own tables (see {@code HISTORY-FORMAT.md}); each run is written in one
 * transaction, so a run is recorded completely or not at all.
 *
 * <p>The store keeps no connection open between calls: an H2 file is locked only while a call
 * runs, so a workbench and command-line runs can share one project's history. It keeps no
 * secrets: run reports hold none, and database passwords are read from the credential store when
 * connecting. Reading a store that does not exist yet returns nothing and creates nothing.
 *
 * <p>Thread-safe.
 */
public final class HistoryStore {

    /** Folder inside a project folder where the default store lives. */
    public static final String FOLDER = ".mapwright";
    /** Name of the default store's H2 database (the file is {@code history.mv.db}). */
    public static final String FILE = "history";
    /** The schema version of the tables this code reads and writes. */
    public static final int SCHEMA_VERSION = Migrations.LATEST;

    private static final int TEXT = 4000;
    private static final int NAME = 1000;
    private static final int ID = 200;

    private final Database db;
    private final Object migrating = new Object();

    private HistoryStore(Database db) {
        this.db = db;
    }

    /** @return the default store location of a project: {@code <projectFolder>/.mapwright/history} (H2, without {@code .mv.db}) */
    public static Path defaultLocation(Path projectFolder) {
        return projectFolder.resolve(FOLDER).resolve(FILE);
    }

    /**
     * A store in an embedded H2 database file; the file and its folder are created on the first
     * write.
     *
     * @param file the database file without {@code .mv.db}, e.g. {@link #defaultLocation}
     * @throws HistoryException when the path cannot name an H2 database (e.g. it contains ';')
     */
    public static HistoryStore h2(Path file) throws HistoryException {
        try {
            return new HistoryStore(Database.h2(file));
        } catch (IllegalArgumentException e) {
            throw new HistoryException("cannot use " + file + " as history store: " + e.getMessage(), e);
        }
    }

    /**
     * A store described by structured settings, the same as the JDBC connector's: {@code driver}
     * ({@code h2} with {@code path}, or {@code postgresql} with {@code host}, {@code port},
     * {@code database}, {@code user}, {@code credentialKey}, {@code properties}), plus
     * {@code schema}, the database schema for the history tables (created when missing).
     *
     * @param context resolves a relative H2 path; its credential store supplies passwords
     * @throws HistoryException naming the refused setting
     */
    public static HistoryStore open(Settings settings, ConnectorContext context) throws HistoryException {
        try {
            return new HistoryStore(Database.of(settings, context));
        } catch (IllegalArgumentException e) {
            throw new HistoryException("invalid history store settings: " + e.getMessage(), e);
        }
    }

    /** @return where the store is, e.g. {@code "H2 file /p/.mapwright/history"}; never a secret */
    public String description() {
        return db.label();
    }

    @Override
    public String toString() {
        return description();
    }

    /**
     * @return the schema version of the store's tables, 0 when it has none yet (also for an H2
     *         file that does not exist, which is not created)
     * @throws HistoryException when the database cannot be reached
     */
    public int schemaVersion() throws HistoryException {
        if (!db.mayExist()) {
            return 0;
        }
        try (Connection c = db.connect(false)) {
            return Migrations.currentVersion(c, db);
        } catch (SQLException e) {
            throw failure("cannot read", e);
        }
    }

    /**
     * Creates the tables or upgrades them to {@link #SCHEMA_VERSION}; does nothing when they are
     * current. Safe to call from several processes at once.
     *
     * @throws HistoryException when the database cannot be reached or was created by a newer Mapwright
     */
    public void migrate() throws HistoryException {
        try (Connection c = db.connect(true)) {
            migrate(c);
        } catch (SQLException e) {
            throw failure("cannot create the tables of", e);
        }
    }

    private void migrate(Connection c) throws SQLException, HistoryException {
        synchronized (migrating) {
            try {
                Migrations.migrate(c, db);
            } catch (NewerSchemaException e) {
                throw newer(e.version());
            }
        }
    }

    /**
     * Records a run of a project, creating the store first if needed.
     *
     * @param origin what ran it, e.g. {@code "cli"}, {@code "workbench"}
     * @return the recorded run's summary
     * @throws HistoryException when the store cannot be written (nothing is recorded then), or
     *         the run was recorded before
     */
    public RunSummary record(Project project, RunReport report, String origin) throws HistoryException {
        return record(project.name(), ProjectVersion.of(project), report, origin);
    }

    /**
     * Records a run under a project name and version (see {@link ProjectVersion}).
     *
     * @see #record(Project, RunReport, String)
     */
    public RunSummary record(String projectName, String projectVersion, RunReport report, String origin) throws HistoryException {
        Objects.requireNonNull(projectName, "projectName");
        Objects.requireNonNull(projectVersion, "projectVersion");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(origin, "origin");
        UUID runId = RunIds.of(report);
        try (Connection c = db.connect(true)) {
            migrate(c);
            Optional<Long> earlier = idOf(c, runId);
            if (earlier.isPresent()) {
                throw new HistoryException("this run is already recorded as run " + earlier.get() + " in " + description());
            }
            c.setAutoCommit(false);
            try {
                long id = insert(c, runId, projectName, projectVersion, report, origin);
                c.commit();
                return summary(c, id).orElseThrow(() -> new SQLException("the recorded run " + id + " cannot be read back"));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("cannot record the run in", e);
        }
    }

    private long insert(Connection c, UUID runId, String projectName, String projectVersion, RunReport report, String origin)
            throws SQLException {
        long read = 0;
        long written = 0;
        long rejected = 0;
        long filtered = 0;
        long merged = 0;
        int warnings = 0;
        for (MappingReport m : report.mappings()) {
            read += m.rowsRead();
            written += m.rowsWritten();
            rejected += m.rowsRejected();
            filtered += m.rowsFiltered();
            merged += m.rowsMerged();
            warnings += m.warnings().size();
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + db.table(Migrations.RUN)
                + " (run_uuid, project_name, project_version, origin, status, start_time, end_time, duration_ms, rows_read, rows_written,"
                + " rows_rejected, rows_filtered, rows_merged, mapping_count, warning_count, error_message)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, runId.toString());
            st.setString(2, cut(projectName, NAME));
            st.setString(3, projectVersion);
            st.setString(4, cut(origin, 100));
            st.setString(5, report.status().id());
            st.setObject(6, time(report.start()));
            st.setObject(7, time(report.end()));
            st.setLong(8, report.duration().toMillis());
            st.setLong(9, read);
            st.setLong(10, written);
            st.setLong(11, rejected);
            st.setLong(12, filtered);
            st.setLong(13, merged);
            st.setInt(14, report.mappings().size());
            st.setInt(15, warnings);
            st.setString(16, cut(report.error(), TEXT));
            st.executeUpdate();
        }
        long id = idOf(c, runId).orElseThrow(() -> new SQLException("the inserted run cannot be found"));
        for (int mi = 0; mi < report.mappings().size(); mi++) {
            insertMapping(c, id, mi, report.mappings().get(mi));
        }
        return id;
    }

    private void insertMapping(Connection c, long id, int no, MappingReport m) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + db.table(Migrations.MAPPING)
                + " (run_id, mapping_no, mapping_id, mapping_name, status, rows_read, rows_written, rows_rejected, rows_filtered,"
                + " rows_merged, bytes_read, duration_ms, rejects_file, error_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, id);
            st.setInt(2, no);
            st.setString(3, cut(m.mappingId(), ID));
            st.setString(4, cut(m.name(), NAME));
            st.setString(5, m.status().id());
            st.setLong(6, m.rowsRead());
            st.setLong(7, m.rowsWritten());
            st.setLong(8, m.rowsRejected());
            st.setLong(9, m.rowsFiltered());
            st.setLong(10, m.rowsMerged());
            if (m.bytesRead() < 0) {
                st.setNull(11, Types.BIGINT);
            } else {
                st.setLong(11, m.bytesRead());
            }
            st.setLong(12, m.duration().toMillis());
            st.setString(13, cut(m.rejectsFile(), TEXT));
            st.setString(14, cut(m.error(), TEXT));
            st.executeUpdate();
        }
        if (!m.rules().isEmpty()) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO " + db.table(Migrations.RULE)
                    + " (run_id, mapping_no, rule_no, rule_id, rule_kind, rule_field, rule_action, violations, rows_checked)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < m.rules().size(); i++) {
                    RuleReport r = m.rules().get(i);
                    st.setLong(1, id);
                    st.setInt(2, no);
                    st.setInt(3, i);
                    st.setString(4, cut(r.ruleId(), ID));
                    st.setString(5, cut(r.kind(), 40));
                    st.setString(6, cut(r.field(), NAME));
                    st.setString(7, cut(r.action(), 20));
                    st.setLong(8, r.violations());
                    st.setLong(9, m.rowsWritten() + m.rowsRejected());
                    st.addBatch();
                }
                st.executeBatch();
            }
        }
        if (!m.outputs().isEmpty()) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO " + db.table(Migrations.OUTPUT)
                    + " (run_id, mapping_no, output_no, output_id, connector, description) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < m.outputs().size(); i++) {
                    OutputReport o = m.outputs().get(i);
                    st.setLong(1, id);
                    st.setInt(2, no);
                    st.setInt(3, i);
                    st.setString(4, cut(o.outputId(), ID));
                    st.setString(5, cut(o.connector(), 100));
                    st.setString(6, cut(o.description(), TEXT));
                    st.addBatch();
                }
                st.executeBatch();
            }
        }
        if (!m.warnings().isEmpty()) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO " + db.table(Migrations.WARNING)
                    + " (run_id, mapping_no, warning_no, message) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < m.warnings().size(); i++) {
                    st.setLong(1, id);
                    st.setInt(2, no);
                    st.setInt(3, i);
                    st.setString(4, cut(m.warnings().get(i), TEXT));
                    st.addBatch();
                }
                st.executeBatch();
            }
        }
        if (!m.firstRejects().isEmpty()) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO " + db.table(Migrations.REJECT)
                    + " (run_id, mapping_no, reject_no, record_no, source_file, line_no, field_name, rule_name, reason)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < m.firstRejects().size(); i++) {
                    Reject r = m.firstRejects().get(i);
                    st.setLong(1, id);
                    st.setInt(2, no);
                    st.setInt(3, i);
                    optionalLong(st, 4, r.record());
                    st.setString(5, cut(r.file(), TEXT));
                    optionalLong(st, 6, r.line());
                    st.setString(7, cut(r.field(), NAME));
                    st.setString(8, cut(r.rule(), ID));
                    st.setString(9, cut(r.reason(), TEXT));
                    st.addBatch();
                }
                st.executeBatch();
            }
        }
    }

    /** @return the names of the projects with recorded runs, sorted */
    public List<String> projects() throws HistoryException {
        return read("cannot read", List.of(), c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT project_name FROM " + db.table(Migrations.RUN) + " ORDER BY project_name");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** @return how many runs of the project are recorded */
    public int countRuns(String project) throws HistoryException {
        return read("cannot read", 0, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM " + db.table(Migrations.RUN) + " WHERE project_name = ?")) {
                st.setString(1, project);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /**
     * @param offset runs to skip, newest first
     * @param limit  at most this many runs
     * @return a page of the project's runs, newest first
     */
    public List<RunSummary> runs(String project, int offset, int limit) throws HistoryException {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return read("cannot read", List.of(), c -> {
            try (PreparedStatement st = c.prepareStatement(SUMMARY_COLUMNS + db.table(Migrations.RUN)
                    + " WHERE project_name = ? ORDER BY run_id DESC LIMIT ? OFFSET ?")) {
                st.setString(1, project);
                st.setInt(2, limit);
                st.setInt(3, offset);
                return summaries(st);
            }
        });
    }

    /** @return the project's last {@code limit} runs, oldest first: the series of rows, rejects, durations and throughput */
    public List<RunSummary> trend(String project, int limit) throws HistoryException {
        List<RunSummary> out = new ArrayList<>(runs(project, 0, limit));
        Collections.reverse(out);
        return out;
    }

    /**
     * The runs {@link #prune} would delete, without deleting them.
     *
     * @return the project's runs the retention does not keep, newest first
     * @throws HistoryException when the store cannot be read
     */
    public List<RunSummary> prunable(String project, Retention retention) throws HistoryException {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(retention, "retention");
        return read("cannot read", List.of(), c -> prunable(c, project, retention));
    }

    /**
     * Deletes the project's runs the retention does not keep, with everything recorded about them
     * (mappings, rule results, outputs, warnings, rejects), in one transaction: either all of
     * them go or none. Other projects' runs are never touched. A store that does not exist yet
     * stays absent.
     *
     * @return the deleted runs, newest first
     * @throws HistoryException when the store cannot be written (nothing is deleted then)
     */
    public List<RunSummary> prune(String project, Retention retention) throws HistoryException {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(retention, "retention");
        if (schemaVersion() == 0) {
            return List.of();
        }
        try (Connection c = db.connect(true)) {
            migrate(c);
            c.setAutoCommit(false);
            try {
                List<RunSummary> doomed = prunable(c, project, retention);
                if (!doomed.isEmpty()) {
                    try (PreparedStatement st = c.prepareStatement("DELETE FROM " + db.table(Migrations.RUN) + " WHERE run_id = ?")) {
                        for (RunSummary r : doomed) {
                            st.setLong(1, r.id());
                            st.addBatch();
                        }
                        st.executeBatch();
                    }
                }
                c.commit();
                return doomed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("cannot prune", e);
        }
    }

    private List<RunSummary> prunable(Connection c, String project, Retention retention) throws SQLException {
        List<RunSummary> all;
        try (PreparedStatement st = c.prepareStatement(SUMMARY_COLUMNS + db.table(Migrations.RUN) + " WHERE project_name = ? ORDER BY run_id DESC")) {
            st.setString(1, project);
            all = summaries(st);
        }
        List<RunSummary> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!retention.keeps(i, all.get(i).start())) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /** @return the run with this number, with its details */
    public Optional<RunDetails> run(long id) throws HistoryException {
        return read("cannot read", Optional.empty(), c -> details(c, id));
    }

    /** @return the run with this globally unique id, with its details */
    public Optional<RunDetails> run(UUID runId) throws HistoryException {
        return read("cannot read", Optional.empty(), c -> {
            Optional<Long> id = idOf(c, runId);
            return id.isPresent() ? details(c, id.get()) : Optional.empty();
        });
    }

    /**
     * @return per quality rule of the project (keyed by mapping id and rule id) its results in the
     *         project's last {@code limit} runs, oldest first; rules in mapping and rule order of
     *         their latest run
     */
    public List<RuleSeries> ruleSeries(String project, int limit) throws HistoryException {
        List<RunSummary> window = runs(project, 0, limit);
        if (window.isEmpty()) {
            return List.of();
        }
        long first = window.get(window.size() - 1).id();
        return read("cannot read", List.of(), c -> {
            record Key(String mapping, String rule) {
            }
            record Latest(int mappingNo, int ruleNo, String mappingName, String kind, String field, String action) {
            }
            Map<Key, List<RuleSeries.Point>> points = new LinkedHashMap<>();
            Map<Key, Latest> latest = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT r.run_id, r.start_time, m.mapping_no, m.mapping_id, m.mapping_name,"
                    + " u.rule_no, u.rule_id, u.rule_kind, u.rule_field, u.rule_action, u.violations, u.rows_checked"
                    + " FROM " + db.table(Migrations.RUN) + " r"
                    + " JOIN " + db.table(Migrations.MAPPING) + " m ON m.run_id = r.run_id"
                    + " JOIN " + db.table(Migrations.RULE) + " u ON u.run_id = m.run_id AND u.mapping_no = m.mapping_no"
                    + " WHERE r.project_name = ? AND r.run_id >= ? ORDER BY r.run_id, m.mapping_no, u.rule_no")) {
                st.setString(1, project);
                st.setLong(2, first);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Key key = new Key(rs.getString(4), rs.getString(7));
                        points.computeIfAbsent(key, k -> new ArrayList<>()).add(
                                new RuleSeries.Point(rs.getLong(1), instant(rs, 2), rs.getLong(12), rs.getLong(11)));
                        latest.put(key, new Latest(rs.getInt(3), rs.getInt(6), rs.getString(5), rs.getString(8), rs.getString(9),
                                rs.getString(10)));
                    }
                }
            }
            List<Key> keys = new ArrayList<>(latest.keySet());
            keys.sort((a, b) -> {
                Latest la = latest.get(a);
                Latest lb = latest.get(b);
                int byMapping = Integer.compare(la.mappingNo(), lb.mappingNo());
                return byMapping != 0 ? byMapping : Integer.compare(la.ruleNo(), lb.ruleNo());
            });
            List<RuleSeries> out = new ArrayList<>();
            for (Key k : keys) {
                Latest l = latest.get(k);
                out.add(new RuleSeries(k.mapping(), l.mappingName(), k.rule(), l.kind(), l.field(), l.action(), points.get(k)));
            }
            return out;
        });
    }

    private static final String SUMMARY_COLUMNS = "SELECT run_id, run_uuid, project_name, project_version, origin, status, start_time,"
            + " end_time, duration_ms, rows_read, rows_written, rows_rejected, rows_filtered, rows_merged, mapping_count, warning_count,"
            + " error_message FROM ";

    private List<RunSummary> summaries(PreparedStatement st) throws SQLException {
        List<RunSummary> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new RunSummary(rs.getLong(1), UUID.fromString(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                        status(rs.getString(6)), instant(rs, 7), instant(rs, 8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                        rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getInt(15), rs.getInt(16), rs.getString(17)));
            }
        }
        return out;
    }

    private Optional<RunSummary> summary(Connection c, long id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(SUMMARY_COLUMNS + db.table(Migrations.RUN) + " WHERE run_id = ?")) {
            st.setLong(1, id);
            List<RunSummary> list = summaries(st);
            return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
        }
    }

    private Optional<Long> idOf(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT run_id FROM " + db.table(Migrations.RUN) + " WHERE run_uuid = ?")) {
            st.setString(1, runId.toString());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private Optional<RunDetails> details(Connection c, long id) throws SQLException {
        Optional<RunSummary> found = summary(c, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RunSummary s = found.get();
        Map<Integer, List<RuleReport>> rules = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT mapping_no, rule_id, rule_kind, rule_field, rule_action, violations FROM "
                + db.table(Migrations.RULE) + " WHERE run_id = ? ORDER BY mapping_no, rule_no")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rules.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                            .add(new RuleReport(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6)));
                }
            }
        }
        Map<Integer, List<OutputReport>> outputs = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT mapping_no, output_id, connector, description FROM "
                + db.table(Migrations.OUTPUT) + " WHERE run_id = ? ORDER BY mapping_no, output_no")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    outputs.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                            .add(new OutputReport(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        Map<Integer, List<String>> warnings = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT mapping_no, message FROM " + db.table(Migrations.WARNING)
                + " WHERE run_id = ? ORDER BY mapping_no, warning_no")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    warnings.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        Map<Integer, List<Reject>> rejects = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT mapping_no, record_no, source_file, line_no, field_name, rule_name, reason FROM "
                + db.table(Migrations.REJECT) + " WHERE run_id = ? ORDER BY mapping_no, reject_no")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rejects.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new Reject(optionalLong(rs, 2), rs.getString(3),
                            optionalLong(rs, 4), rs.getString(5), rs.getString(6), rs.getString(7), null));
                }
            }
        }
        List<MappingReport> mappings = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT mapping_no, mapping_id, mapping_name, status, rows_read, rows_written,"
                + " rows_rejected, rows_filtered, rows_merged, bytes_read, duration_ms, rejects_file, error_message FROM "
                + db.table(Migrations.MAPPING) + " WHERE run_id = ? ORDER BY mapping_no")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int no = rs.getInt(1);
                    mappings.add(new MappingReport(rs.getString(2), rs.getString(3), status(rs.getString(4)), rs.getLong(5), rs.getLong(6),
                            rs.getLong(7), rs.getLong(8), rs.getLong(9), optionalLong(rs, 10), Duration.ofMillis(rs.getLong(11)),
                            rules.getOrDefault(no, List.of()), outputs.getOrDefault(no, List.of()), rs.getString(12),
                            warnings.getOrDefault(no, List.of()), rejects.getOrDefault(no, List.of()), rs.getString(13)));
                }
            }
        }
        RunReport report = new RunReport(s.project(), s.status(), s.start(), s.end(), s.error(), mappings);
        return Optional.of(new RunDetails(s, report));
    }

    @FunctionalInterface
    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs a read; a store that does not exist yet reads as {@code empty} and is not created. */
    private <T> T read(String what, T empty, Query<T> query) throws HistoryException {
        if (!db.mayExist()) {
            return empty;
        }
        try (Connection c = db.connect(false)) {
            int version = Migrations.currentVersion(c, db);
            if (version == 0) {
                return empty;
            }
            if (version > SCHEMA_VERSION) {
                throw newer(version);
            }
            if (version < SCHEMA_VERSION) {
                migrate(c);
            }
            return query.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private HistoryException failure(String what, SQLException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int newline = reason.indexOf('\n');
        if (newline > 0) {
            reason = reason.substring(0, newline).strip();
        }
        return new HistoryException(what + " the run history (" + description() + "): " + reason, e);
    }

    private HistoryException newer(int version) {
        return new HistoryException("the run history (" + description() + ") was created by a newer Mapwright (schema version "
                + version + "; this version knows up to " + SCHEMA_VERSION + "): upgrade Mapwright or use another store");
    }

    private static OffsetDateTime time(Instant t) {
        // Both databases keep microseconds; truncating here makes what is read back equal what was written.
        return OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static RunStatus status(String id) {
        for (RunStatus s : RunStatus.values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return RunStatus.FAILED;
    }

    private static void optionalLong(PreparedStatement st, int index, long value) throws SQLException {
        if (value < 0) {
            st.setNull(index, Types.BIGINT);
        } else {
            st.setLong(index, value);
        }
    }

    private static long optionalLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? -1 : v;
    }

    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 3) + "...";
    }
}
