package org.mapwright.drift;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.mapwright.core.Field;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.Problem;
import org.mapwright.engine.expr.FieldRef;
import org.mapwright.engine.expr.Scope;
import org.mapwright.internal.drift.ExpressionSites;
import org.mapwright.internal.drift.Rebinder;
import org.mapwright.internal.drift.References;

/**
 * Finds schema drift in a project's sources and what it breaks, and rebases the project onto the
 * new structures. Immutable and thread-safe.
 *
 * <pre>{@code
 * DriftAnalyzer drift = new DriftAnalyzer(engine);
 * DriftReport report = drift.check(project, ConnectorContext.of(projectDir), ProgressMonitor.NONE);
 * RebaseResult r = drift.rebase(project, report, p -> p.confidence() >= 0.8);
 * new ProjectIO().write(r.project(), projectDir);
 * }</pre>
 *
 * <p>Impact is never guessed from names: the project is compiled by the engine with each drifted
 * source's structure as it is now ({@link SchemaDiff#asIs()}), and every problem that the stored
 * project does not have is drift breakage, attributed to the source fields its expression reads.
 * A field whose stored type no longer parses the sampled values breaks too (the engine converts
 * every source field, so such rows would be rejected), and so does a source the connector can no
 * longer open with the stored structure (a CSV column the stored structure names is gone).
 */
public final class DriftAnalyzer {

    /** How {@link #check} inspects by default: the first 1,000 records, 20 sample values per field. */
    public static final InspectOptions DEFAULT_INSPECT = new InspectOptions(1_000, false, 20);

    private final MappingEngine engine;
    private final SchemaDiffer differ;
    private final InspectOptions inspectOptions;

    public DriftAnalyzer(MappingEngine engine) {
        this(engine, new SchemaDiffer(), DEFAULT_INSPECT);
    }

    /**
     * @param engine         compiles projects to find breakage; its connectors inspect the sources
     * @param differ         compares structures
     * @param inspectOptions how much of each source {@link #check} reads
     */
    public DriftAnalyzer(MappingEngine engine, SchemaDiffer differ, InspectOptions inspectOptions) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.differ = Objects.requireNonNull(differ, "differ");
        this.inspectOptions = Objects.requireNonNull(inspectOptions, "inspectOptions");
    }

    /** Inspects and analyzes every source of the project, without baseline values. */
    public DriftReport check(Project project, ConnectorContext context, ProgressMonitor monitor) {
        return check(project, project.sources().stream().map(SourceDef::id).toList(), context, monitor, Map.of());
    }

    /**
     * Re-inspects sources (reads a sample of each) and analyzes their drift.
     *
     * @param sourceIds which sources to check, in report order
     * @param baseline  earlier sample values per source id and stored field id (may be empty)
     * @throws java.util.concurrent.CancellationException when the monitor asks to stop
     */
    public DriftReport check(Project project, List<String> sourceIds, ConnectorContext context, ProgressMonitor monitor,
            Map<String, Map<String, List<String>>> baseline) {
        Map<String, Inspection> inspections = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String id : sourceIds) {
            SourceDef s = project.source(id).orElseThrow(() -> new IllegalArgumentException("no source '" + id + "'"));
            try {
                SourceConnector c = engine.connectors().source(s.connector());
                inspections.put(id, c.inspect(context, s.settings(), inspectOptions, monitor));
            } catch (IllegalArgumentException e) {
                errors.put(id, e.getMessage());
            } catch (DataException e) {
                errors.put(id, "cannot inspect the source: " + e.getMessage());
            }
        }
        DriftReport report = analyze(project, inspections, errors, baseline);
        List<SourceDrift> out = new ArrayList<>();
        for (SourceDrift sd : report.sources()) {
            out.add(sd.diff() != null && !sd.diff().isEmpty() ? withOpenCheck(sd, context) : sd);
        }
        return new DriftReport(report.project(), out);
    }

    /** Adds a breaking impact when the connector can no longer open the source with its stored structure. */
    private SourceDrift withOpenCheck(SourceDrift sd, ConnectorContext context) {
        SourceDef s = sd.source();
        String failure = null;
        RecordReader reader = null;
        try {
            // opening is the check: readers validate the requested fields against the input
            reader = engine.connectors().source(s.connector()).open(context, s.settings(), s.schema());
        } catch (DataException e) {
            failure = e.recoverable() ? null : e.reason();
        } catch (RuntimeException e) {
            failure = e.getMessage();
        } finally {
            closeQuietly(reader);
        }
        if (failure == null) {
            return sd;
        }
        List<Impact> impacts = new ArrayList<>(sd.impacts());
        impacts.add(0, new Impact(s.id(), null, null, Problem.SOURCE, "source " + s.name(), null, List.of(), null,
                "cannot be read with the stored structure any more: " + failure, true));
        return new SourceDrift(s, sd.error(), sd.inspection(), sd.diff(), impacts, sd.unmapped(), sd.proposals());
    }

    private static void closeQuietly(RecordReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // the reader opened, which is all the check needed to know
            }
        }
    }

    /** Analyzes inspections the caller already has (the workbench after re-inspecting), without I/O. */
    public DriftReport analyze(Project project, Map<String, Inspection> inspections) {
        return analyze(project, inspections, Map.of(), Map.of());
    }

    /**
     * Analyzes drift without I/O.
     *
     * @param inspections fresh inspections per source id; sources without one are not checked
     * @param errors      per source id, why it could not be inspected
     * @param baseline    earlier sample values per source id and stored field id (may be empty)
     */
    public DriftReport analyze(Project project, Map<String, Inspection> inspections, Map<String, String> errors,
            Map<String, Map<String, List<String>>> baseline) {
        Map<String, SchemaDiff> diffs = new LinkedHashMap<>();
        for (SourceDef s : project.sources()) {
            Inspection i = inspections.get(s.id());
            if (i != null) {
                diffs.put(s.id(), differ.diff(s.schema(), i, baseline.getOrDefault(s.id(), Map.of())));
            }
        }
        Project asIs = project;
        for (Map.Entry<String, SchemaDiff> e : diffs.entrySet()) {
            if (!e.getValue().isEmpty()) {
                asIs = asIs.withSource(project.source(e.getKey()).orElseThrow().withSchema(e.getValue().asIs()));
            }
        }
        Map<String, List<Impact>> impacts = new HashMap<>();
        if (asIs != project) {
            compileImpacts(project, asIs, diffs, impacts);
            typeImpacts(project, diffs, impacts);
        }
        List<SourceDrift> out = new ArrayList<>();
        for (SourceDef s : project.sources()) {
            SchemaDiff d = diffs.get(s.id());
            if (d == null) {
                if (errors.containsKey(s.id())) {
                    out.add(new SourceDrift(s, errors.get(s.id()), null, null, List.of(), List.of(), List.of()));
                }
                continue;
            }
            out.add(new SourceDrift(s, null, inspections.get(s.id()), d, impacts.getOrDefault(s.id(), List.of()),
                    unmapped(project, s, d), proposals(project, s, d)));
        }
        return new DriftReport(project.name(), out);
    }

    private void compileImpacts(Project project, Project asIs, Map<String, SchemaDiff> diffs, Map<String, List<Impact>> impacts) {
        Set<String> before = new HashSet<>();
        for (Problem p : engine.validate(project)) {
            before.add(key(p));
        }
        for (Problem p : engine.validate(asIs)) {
            if (before.contains(key(p))) {
                continue;
            }
            String mappingId = p.location().mappingId();
            MappingDef m = mappingId == null ? null : project.mapping(mappingId).orElse(null);
            if (m == null) {
                String sourceId = p.location().element();
                if (diffs.containsKey(sourceId)) {
                    add(impacts, new Impact(sourceId, null, null, sourceId, "source", null, List.of(), p, p.message(), p.isError()));
                }
                continue;
            }
            List<ExpressionSites.Site> sites = sitesOf(project, m, p.location().element());
            Map<String, List<String>> fields = changedFieldsRead(project, sites, diffs);
            if (fields.isEmpty()) {
                String fallback = fallbackSource(project, m, diffs);
                if (fallback == null) {
                    continue;
                }
                fields.put(fallback, List.of());
            }
            String text = sites.size() == 1 ? sites.get(0).text() : null;
            for (Map.Entry<String, List<String>> e : fields.entrySet()) {
                add(impacts, new Impact(e.getKey(), m.id(), m.name(), p.location().element(), label(m, p.location().element(), sites),
                        text, e.getValue(), p, p.message(), p.isError()));
            }
        }
    }

    /** Types whose stored form no longer reads the data: the engine converts every field, so rows would be rejected. */
    private void typeImpacts(Project project, Map<String, SchemaDiff> diffs, Map<String, List<Impact>> impacts) {
        for (Map.Entry<String, SchemaDiff> e : diffs.entrySet()) {
            SourceDef s = project.source(e.getKey()).orElseThrow();
            for (FieldChange c : e.getValue().changes()) {
                if (c.kind() != FieldChange.Kind.RETYPED || Boolean.TRUE.equals(c.storedTypeReads())) {
                    continue;
                }
                boolean breaks = Boolean.FALSE.equals(c.storedTypeReads());
                String message = breaks
                        ? "`" + c.oldPath() + "` is stored as " + FieldChange.typeText(c.oldType(), c.oldFormat())
                                + ", which no longer reads its values: rows would be rejected until the structure is rebased (to "
                                + FieldChange.typeText(c.newType(), c.newFormat()) + ")"
                        : "`" + c.oldPath() + "` changed type from " + FieldChange.typeText(c.oldType(), c.oldFormat()) + " to "
                                + FieldChange.typeText(c.newType(), c.newFormat()) + "; no sampled values to check the stored type against";
                for (MappingDef m : project.mappings()) {
                    if (ExpressionSites.sourcesOf(project, m).contains(s.id())) {
                        add(impacts, new Impact(s.id(), m.id(), m.name(), Problem.SOURCE, "source " + s.name(), null,
                                List.of(c.oldPath()), null, message, breaks));
                    }
                }
            }
        }
    }

    private static void add(Map<String, List<Impact>> impacts, Impact i) {
        impacts.computeIfAbsent(i.sourceId(), k -> new ArrayList<>()).add(i);
    }

    private static String key(Problem p) {
        return p.severity() + "\u0000" + p.location().mappingId() + "\u0000" + p.location().element() + "\u0000" + p.message();
    }

    private static List<ExpressionSites.Site> sitesOf(Project project, MappingDef m, String element) {
        List<ExpressionSites.Site> out = new ArrayList<>();
        if (element == null) {
            return out;
        }
        for (ExpressionSites.Site s : ExpressionSites.of(project, m)) {
            if (s.element().equals(element) || s.element().startsWith(element + ".")) {
                out.add(s);
            }
        }
        return out;
    }

    /** @return per drifted source id, the stored paths of changed fields the sites read */
    private static Map<String, List<String>> changedFieldsRead(Project project, List<ExpressionSites.Site> sites,
            Map<String, SchemaDiff> diffs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ExpressionSites.Site site : sites) {
            for (References.Ref ref : References.scan(site.text())) {
                Scope.Resolution r = site.scope().resolve(ref.segments());
                if (!r.isFound()) {
                    continue;
                }
                FieldRef f = r.field();
                SourceDef s = f.qualifier() == null ? null : project.sourceByName(f.qualifier()).orElse(null);
                SchemaDiff d = s == null ? null : diffs.get(s.id());
                if (d != null && affected(s.schema(), d, f.fieldId())) {
                    List<String> paths = out.computeIfAbsent(s.id(), k -> new ArrayList<>());
                    String path = s.schema().pathOf(f.fieldId()).orElse(f.path());
                    if (!paths.contains(path)) {
                        paths.add(path);
                    }
                }
            }
        }
        return out;
    }

    /** @return whether the field (or a record it is in) moved, vanished or changed type as the project stands */
    private static boolean affected(Schema stored, SchemaDiff d, String fieldId) {
        Schema asIs = d.asIs();
        if (asIs.byId(fieldId).isEmpty() || !asIs.pathOf(fieldId).equals(stored.pathOf(fieldId))) {
            return true;
        }
        return d.change(fieldId, FieldChange.Kind.RETYPED).isPresent();
    }

    private static String fallbackSource(Project project, MappingDef m, Map<String, SchemaDiff> diffs) {
        if (diffs.containsKey(m.sourceId()) && !diffs.get(m.sourceId()).isEmpty()) {
            return m.sourceId();
        }
        for (String id : ExpressionSites.sourcesOf(project, m)) {
            if (diffs.containsKey(id) && !diffs.get(id).isEmpty()) {
                return id;
            }
        }
        return null;
    }

    private static String label(MappingDef m, String element, List<ExpressionSites.Site> sites) {
        if (sites.size() == 1) {
            return sites.get(0).label();
        }
        if (element == null) {
            return "mapping";
        }
        if (element.startsWith("join[")) {
            int close = element.indexOf(']');
            return "join " + (Integer.parseInt(element.substring(5, close)) + 1);
        }
        if (element.startsWith("output[")) {
            int close = element.indexOf(']');
            return "output " + (Integer.parseInt(element.substring(7, close)) + 1);
        }
        if (m.targetSchema().byId(element).isPresent()) {
            return "field " + m.targetSchema().pathOf(element).orElse(element);
        }
        if (m.rules().stream().anyMatch(r -> r.id().equals(element))) {
            return "rule " + element;
        }
        return element.toLowerCase(Locale.ROOT);
    }

    private static List<UnmappedField> unmapped(Project project, SourceDef s, SchemaDiff d) {
        List<UnmappedField> out = new ArrayList<>();
        for (FieldChange c : d.changes()) {
            if (c.kind() != FieldChange.Kind.ADDED) {
                continue;
            }
            String name = d.current().byId(c.fieldId()).map(Field::name).orElse(c.newPath());
            for (MappingDef m : project.mappings()) {
                if (!ExpressionSites.sourcesOf(project, m).contains(s.id())) {
                    continue;
                }
                Field target = unmappedTarget(m, name);
                out.add(new UnmappedField(s.id(), c.fieldId(), c.newPath(), m.id(), m.name(), target == null ? null : target.id(),
                        target == null ? null : m.targetSchema().pathOf(target.id()).orElse(target.name())));
            }
        }
        return out;
    }

    /** @return the unmapped, non-record target field with this name (ignoring case) when there is exactly one */
    static Field unmappedTarget(MappingDef m, String name) {
        Field match = null;
        for (Field t : m.targetSchema().allFields()) {
            if (!t.isRecord() && t.name().equalsIgnoreCase(name) && m.mappingFor(t.id()).isEmpty()) {
                if (match != null) {
                    return null;
                }
                match = t;
            }
        }
        return match;
    }

    private List<RebaseProposal> proposals(Project project, SourceDef s, SchemaDiff d) {
        List<RebaseProposal> out = new ArrayList<>();
        for (FieldChange c : d.matches()) {
            Project patched = project.withSource(s.withSchema(d.rebased(Set.of(c.fieldId()))));
            List<ExpressionEdit> edits = new ArrayList<>();
            Rebinder rebinder = new Rebinder(project, patched, Map.of(s.id(), rewritable(d, Set.of(c.fieldId()))));
            for (MappingDef m : project.mappings()) {
                rebinder.rewrite(m, edits);
            }
            out.add(new RebaseProposal(RebaseProposal.idOf(s.id(), c.fieldId()), s.id(), s.name(), c, edits));
        }
        return out;
    }

    private static Set<String> rewritable(SchemaDiff d, Set<String> accepted) {
        Set<String> out = new LinkedHashSet<>(accepted);
        for (String id : accepted) {
            out.addAll(d.dependents(id));
        }
        return out;
    }

    /**
     * Rebases a project onto the structures in a report: every drifted source gets
     * {@link SchemaDiff#rebased} with the accepted proposals, and the expressions (and reference
     * rule fields) that read accepted renames or moves are rewritten. Nothing is dropped: a
     * rejected proposal leaves its expressions as written, so they show up in
     * {@link RebaseResult#problems()} like references to removed fields.
     *
     * @param report a report made for this project
     * @param accept decides each proposal
     * @return a new project value; {@code project} is unchanged
     */
    public RebaseResult rebase(Project project, DriftReport report, Predicate<RebaseProposal> accept) {
        Project patched = project;
        Map<String, Set<String>> rewritable = new HashMap<>();
        List<RebaseProposal> accepted = new ArrayList<>();
        List<RebaseProposal> rejected = new ArrayList<>();
        for (SourceDrift sd : report.sources()) {
            SchemaDiff d = sd.diff();
            if (d == null || d.isEmpty()) {
                continue;
            }
            Set<String> ids = new HashSet<>();
            for (RebaseProposal p : sd.proposals()) {
                if (accept.test(p)) {
                    accepted.add(p);
                    ids.add(p.change().fieldId());
                } else {
                    rejected.add(p);
                }
            }
            SourceDef current = patched.source(sd.source().id())
                    .orElseThrow(() -> new IllegalArgumentException("the report names source '" + sd.source().id() + "', which the project does not have"));
            patched = patched.withSource(current.withSchema(d.rebased(ids)));
            rewritable.put(sd.source().id(), rewritable(d, ids));
        }
        Rebinder rebinder = new Rebinder(project, patched, rewritable);
        List<ExpressionEdit> edits = new ArrayList<>();
        Project result = patched;
        for (MappingDef m : project.mappings()) {
            MappingDef rewritten = rebinder.rewrite(m, edits);
            if (rewritten != m) {
                result = result.withMapping(rewritten);
            }
        }
        return new RebaseResult(result, accepted, rejected, edits, engine.validate(result));
    }
}
