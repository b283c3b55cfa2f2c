package org.mapwright.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;

import org.mapwright.core.Field;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.MappingPlan;
import org.mapwright.engine.Problem;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunStatus;
import org.mapwright.engine.expr.ExpressionTokens;
import org.mapwright.internal.drift.ExpressionSites;

/**
 * Enforces the sources' {@link DriftPolicy contracts} before a run: re-inspects each source that
 * has a policy (a cheap look at the header and a small sample) and decides whether the run
 * starts, with which project, and which drift the report lists. Immutable and thread-safe.
 *
 * <pre>{@code
 * DriftGate.Outcome gate = new DriftGate(engine).check(project, mappingIds, context, monitor);
 * RunReport report = gate.blocked() ? gate.blockedReport(project, mappingIds, clock.instant())
 *         : gate.annotate(engine.run(gate.project(), mappingIds, request));
 * }</pre>
 */
public final class DriftGate {

    /** How sources are re-inspected before a run: 200 records, enough to see the header and types. */
    public static final InspectOptions INSPECT = new InspectOptions(200, false, 20);

    private final MappingEngine engine;
    private final DriftAnalyzer analyzer;

    public DriftGate(MappingEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.analyzer = new DriftAnalyzer(engine, new SchemaDiffer(), INSPECT);
    }

    /** @return one project-level error per source whose {@value DriftPolicy#SETTING} setting is not a policy */
    public static List<Problem> problems(Project project) {
        List<Problem> out = new ArrayList<>();
        for (SourceDef s : project.sources()) {
            try {
                DriftPolicy.of(s);
            } catch (IllegalArgumentException e) {
                out.add(Problem.error(Problem.Location.of(null, s.id()), "source '" + s.name() + "': setting "
                        + DriftPolicy.SETTING + ": " + e.getMessage(), "use off, fail, warn or map-new-by-name"));
            }
        }
        return out;
    }

    /**
     * What a run should do.
     *
     * @param project  the project to run: the input, or for {@link DriftPolicy#MAP_NEW_BY_NAME} a
     *                 copy whose sources also read their new fields and whose mappings fill
     *                 unmapped target fields from them
     * @param error    why the run must not start, or null
     * @param failing  ids of the mappings that read a source whose contract failed
     * @param warnings drift lines per mapping id, for the run report
     * @param cancelled whether the check was cancelled (then {@code error} says so)
     */
    public record Outcome(Project project, String error, Set<String> failing, Map<String, List<String>> warnings,
            boolean cancelled) {

        public Outcome {
            Objects.requireNonNull(project, "project");
            failing = Set.copyOf(failing);
            Map<String, List<String>> copy = new LinkedHashMap<>();
            warnings.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            warnings = java.util.Collections.unmodifiableMap(copy);
        }

        /** @return whether the run must not start */
        public boolean blocked() {
            return error != null;
        }

        /**
         * @param mappingIds the mappings the run was asked for (empty: all)
         * @return the report of a run that did not start: status failed (cancelled when the check
         *         was), the drift as warnings
         */
        public RunReport blockedReport(Project original, List<String> mappingIds, Instant now) {
            List<RunReport.MappingReport> mappings = new ArrayList<>();
            for (MappingDef m : selected(original, mappingIds)) {
                boolean failed = failing.contains(m.id());
                mappings.add(new RunReport.MappingReport(m.id(), m.name(), failed ? RunStatus.FAILED : RunStatus.SKIPPED, 0, 0, 0, 0, 0,
                        -1, Duration.ZERO, List.of(), List.of(), null, warnings.getOrDefault(m.id(), List.of()), List.of(),
                        failed ? error : null));
            }
            return new RunReport(original.name(), cancelled ? RunStatus.CANCELLED : RunStatus.FAILED, now, now, error, mappings);
        }

        /** @return the report with the drift warnings put before each mapping's own warnings */
        public RunReport annotate(RunReport report) {
            if (warnings.isEmpty()) {
                return report;
            }
            List<RunReport.MappingReport> out = new ArrayList<>();
            for (RunReport.MappingReport m : report.mappings()) {
                List<String> extra = warnings.getOrDefault(m.mappingId(), List.of());
                if (extra.isEmpty()) {
                    out.add(m);
                    continue;
                }
                List<String> all = new ArrayList<>(extra);
                all.addAll(m.warnings());
                out.add(new RunReport.MappingReport(m.mappingId(), m.name(), m.status(), m.rowsRead(), m.rowsWritten(),
                        m.rowsRejected(), m.rowsFiltered(), m.rowsMerged(), m.bytesRead(), m.duration(), m.rules(), m.outputs(),
                        m.rejectsFile(), all, m.firstRejects(), m.error()));
            }
            return new RunReport(report.project(), report.status(), report.start(), report.end(), report.error(), out);
        }
    }

    /**
     * Checks the contracts of the sources the selected mappings read.
     *
     * @param mappingIds ids of the mappings to run; empty means all
     * @throws IllegalArgumentException if a source's policy setting is invalid (see {@link #problems})
     */
    public Outcome check(Project project, List<String> mappingIds, ConnectorContext context, ProgressMonitor monitor) {
        List<MappingDef> mappings = selected(project, mappingIds);
        Map<String, DriftPolicy> policies = new LinkedHashMap<>();
        for (SourceDef s : project.sources()) {
            DriftPolicy p = DriftPolicy.of(s);
            if (p != DriftPolicy.OFF && mappings.stream().anyMatch(m -> ExpressionSites.sourcesOf(project, m).contains(s.id()))) {
                policies.put(s.id(), p);
            }
        }
        if (policies.isEmpty()) {
            return new Outcome(project, null, Set.of(), Map.of(), false);
        }
        DriftReport report;
        try {
            report = analyzer.check(project, List.copyOf(policies.keySet()), context, monitor, Map.of());
        } catch (CancellationException e) {
            return new Outcome(project, "cancelled while checking the sources for schema drift; nothing was run", Set.of(), Map.of(), true);
        }
        Map<String, List<String>> warnings = new LinkedHashMap<>();
        Set<String> failing = new LinkedHashSet<>();
        List<String> failedSources = new ArrayList<>();
        Project run = project;
        for (SourceDrift sd : report.sources()) {
            if (!sd.drifted()) {
                continue;
            }
            SourceDef s = sd.source();
            DriftPolicy policy = policies.get(s.id());
            List<String> lines = lines(sd, policy);
            for (MappingDef m : mappings) {
                if (ExpressionSites.sourcesOf(project, m).contains(s.id())) {
                    warnings.computeIfAbsent(m.id(), k -> new ArrayList<>()).addAll(lines);
                    if (policy == DriftPolicy.FAIL) {
                        failing.add(m.id());
                    }
                }
            }
            if (policy == DriftPolicy.FAIL) {
                failedSources.add("'" + s.name() + "' (" + (sd.error() != null ? sd.error() : count(sd.changes().size())) + ")");
            } else if (policy == DriftPolicy.MAP_NEW_BY_NAME && sd.diff() != null) {
                run = mapNewByName(run, sd, mappings, warnings);
            }
        }
        String error = failedSources.isEmpty() ? null
                : "schema drift in source " + String.join(", ", failedSources) + " breaks the contract (" + DriftPolicy.SETTING
                        + " = fail); nothing was run";
        return new Outcome(error == null ? run : project, error, failing, warnings, false);
    }

    private static String count(int changes) {
        return changes + (changes == 1 ? " change" : " changes");
    }

    private static List<String> lines(SourceDrift sd, DriftPolicy policy) {
        String prefix = "schema drift in source '" + sd.source().name() + "' (" + DriftPolicy.SETTING + " = " + policy.id() + "): ";
        List<String> out = new ArrayList<>();
        if (sd.error() != null) {
            out.add(prefix + sd.error());
        }
        for (FieldChange c : sd.changes()) {
            out.add(prefix + c.describe());
        }
        return out;
    }

    /** Reads the new fields and maps each onto the unmapped target field of the same name, for this run only. */
    private Project mapNewByName(Project project, SourceDrift sd, List<MappingDef> mappings, Map<String, List<String>> warnings) {
        SourceDef s = project.source(sd.source().id()).orElseThrow();
        Schema current = sd.diff().current();
        Project out = project.withSource(s.withSchema(sd.diff().storedWithAdded()));
        for (MappingDef selected : mappings) {
            if (!ExpressionSites.sourcesOf(project, selected).contains(s.id())) {
                continue;
            }
            MappingDef m = out.mapping(selected.id()).orElseThrow();
            Map<String, String> added = new LinkedHashMap<>();
            for (FieldChange c : sd.changes()) {
                if (c.kind() != FieldChange.Kind.ADDED) {
                    continue;
                }
                Field f = current.byId(c.fieldId()).orElseThrow();
                Field target = DriftAnalyzer.unmappedTarget(m, f.name());
                if (target == null || f.isRecord() || added.containsKey(target.id())) {
                    continue;
                }
                List<String> segments = new ArrayList<>();
                segments.add(s.name());
                segments.addAll(names(current, f.id()));
                String expression = ExpressionTokens.quotePath(segments);
                m = m.withFieldMapping(target.id(), expression);
                added.put(target.id(), expression);
            }
            if (added.isEmpty()) {
                continue;
            }
            Project attempt = out.withMapping(m);
            MappingPlan plan = engine.compile(attempt, m.id());
            for (Problem p : plan.problems()) {
                String element = p.location().element();
                if (p.isError() && added.containsKey(element)) {
                    m = m.withFieldMapping(element, null);
                    warnings.computeIfAbsent(m.id(), k -> new ArrayList<>()).add("new source field " + added.remove(element)
                            + " was not mapped onto target field '" + m.targetSchema().pathOf(element).orElse(element) + "': " + p.message());
                }
            }
            for (Map.Entry<String, String> e : added.entrySet()) {
                warnings.computeIfAbsent(m.id(), k -> new ArrayList<>()).add("new source field " + e.getValue()
                        + " mapped onto target field '" + m.targetSchema().pathOf(e.getKey()).orElse(e.getKey()) + "' for this run ("
                        + DriftPolicy.SETTING + " = " + DriftPolicy.MAP_NEW_BY_NAME.id() + ")");
            }
            out = out.withMapping(m);
        }
        return out;
    }

    private static List<String> names(Schema schema, String id) {
        List<String> out = new ArrayList<>();
        names(schema.fields(), id, out);
        return out;
    }

    private static boolean names(List<Field> fields, String id, List<String> out) {
        for (Field f : fields) {
            out.add(f.name());
            if (f.id().equals(id) || names(f.children(), id, out)) {
                return true;
            }
            out.remove(out.size() - 1);
        }
        return false;
    }

    private static List<MappingDef> selected(Project project, List<String> mappingIds) {
        if (mappingIds == null || mappingIds.isEmpty()) {
            return project.mappings();
        }
        List<MappingDef> out = new ArrayList<>();
        for (String id : mappingIds) {
            project.mapping(id).ifPresent(out::add);
        }
        return out;
    }
}
