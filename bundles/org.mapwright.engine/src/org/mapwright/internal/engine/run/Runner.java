package org.mapwright.internal.engine.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;

import org.mapwright.core.OutputDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordWriter;
import org.mapwright.core.connector.TargetConnector;
import org.mapwright.engine.EngineLimits;
import org.mapwright.engine.Reject;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.RunReport.OutputReport;
import org.mapwright.engine.RunRequest;
import org.mapwright.engine.RunStatus;

/**
 * Runs compiled mappings one after the other. Each mapping is all or nothing on its own: its
 * outputs stay uncommitted while it runs and are committed as soon as it succeeds, so later
 * mappings can read them; when it fails or is cancelled, its writers are closed without commit,
 * so none of its targets is half written. A mapping that reads the output of a mapping that did
 * not succeed is skipped; the others still run. After a cancellation every remaining mapping is
 * skipped. Rejects files are committed unless the mapping was cancelled, since they explain
 * failures.
 */
public final class Runner {

    private final ConnectorRegistry registry;
    private final EngineLimits limits;
    private final Clock clock;

    public Runner(ConnectorRegistry registry, EngineLimits limits, Clock clock) {
        this.registry = registry;
        this.limits = limits;
        this.clock = clock;
    }

    /** One mapping's open outputs, kept until it commits or discards them. */
    private static final class Pending {
        final List<RecordWriter> writers = new ArrayList<>();
        RejectsFile rejects;
    }

    private static final class Outcome {
        RunStatus status = RunStatus.SUCCEEDED;
        String error;
    }

    /** Runs mappings that do not read each other's outputs. */
    public RunReport run(String projectName, List<CompiledPlan> plans, RunRequest request) {
        List<Set<Integer>> none = new ArrayList<>();
        plans.forEach(p -> none.add(Set.of()));
        return run(projectName, plans, none, request);
    }

    /**
     * @param plans  the mappings in execution order
     * @param inputs per plan, the indices of the earlier plans whose outputs it reads
     */
    public RunReport run(String projectName, List<CompiledPlan> plans, List<Set<Integer>> inputs, RunRequest request) {
        Instant start = clock.instant();
        List<MappingReport> reports = new ArrayList<>();
        RunStatus status = RunStatus.SUCCEEDED;
        String error = null;
        boolean cancelled = false;
        for (int i = 0; i < plans.size(); i++) {
            CompiledPlan plan = plans.get(i);
            String blocked = cancelled ? "not run: the run was cancelled" : blockedBy(inputs.get(i), reports);
            if (blocked != null) {
                reports.add(skipped(plan, blocked));
                continue;
            }
            Pending pending = new Pending();
            MappingReport report = runMapping(plan, request, pending);
            if (report.status() == RunStatus.SUCCEEDED) {
                String failure = commit(pending);
                if (failure != null) {
                    report = withStatus(report, RunStatus.FAILED, failure);
                }
            } else {
                discard(pending, report.status() != RunStatus.CANCELLED);
            }
            reports.add(report);
            if (report.status() != RunStatus.SUCCEEDED) {
                if (status == RunStatus.SUCCEEDED) {
                    status = report.status();
                    error = report.error();
                }
                cancelled |= report.status() == RunStatus.CANCELLED;
            }
        }
        return new RunReport(projectName, status, start, clock.instant(), error, reports);
    }

    /** @return why a mapping cannot run because a mapping it reads from did not succeed, or null */
    private static String blockedBy(Set<Integer> from, List<MappingReport> reports) {
        for (int k : new TreeSet<>(from)) {
            MappingReport r = reports.get(k);
            if (r.status() != RunStatus.SUCCEEDED) {
                return "not run: it reads the output of mapping '" + r.name() + "', which "
                        + (r.status() == RunStatus.SKIPPED ? "was not run" : "ended " + r.status().id());
            }
        }
        return null;
    }

    private MappingReport runMapping(CompiledPlan plan, RunRequest request, Pending pending) {
        long t0 = System.nanoTime();
        Outcome outcome = new Outcome();
        List<OutputReport> outputs = new ArrayList<>();
        Execution exec = null;
        long bytes = -1;
        Path outDir = request.effectiveOutputDirectory();
        ConnectorContext sourceContext = new ConnectorContext(request.projectDirectory(), request.credentials(), request.limits());
        ConnectorContext outputContext = new ConnectorContext(outDir, request.credentials(), request.limits());
        ProgressMonitor monitor = request.monitor();
        pending.rejects = new RejectsFile(rejectsPath(outDir, plan.mapping.name()));
        SourceFeed feed = null;
        try {
            if (plan.hasErrors()) {
                throw new DataException(null, plan.firstError());
            }
            for (OutputDef o : plan.mapping.outputs()) {
                TargetConnector c = registry.target(o.connector());
                outputs.add(new OutputReport(o.id(), o.connector(), c.describe(o.settings())));
                pending.writers.add(c.open(outputContext, o.settings(), plan.targetSchema()));
            }
            exec = new Execution(plan, registry, sourceContext, limits, monitor, new RunOutput(pending), true);
            exec.prepare();
            SourceAccess access = new SourceAccess(registry, sourceContext, plan.primary, 0, plan.scope.slotCount());
            feed = new SourceFeed(access, true, plan.mapping.name(), exec::evaluate);
            long total = feed.totalBytes();
            monitor.begin("Mapping " + plan.mapping.name(), total > 0 ? total : -1);
            long lastBytes = 0;
            SourceFeed.Batch b;
            do {
                if (monitor.isCanceled()) {
                    throw new CancellationException();
                }
                b = feed.next();
                for (SourceRow r : b.rows) {
                    exec.process(r);
                }
                if (b.bytesRead >= 0) {
                    bytes = b.bytesRead;
                }
                if (total > 0 && b.bytesRead >= 0) {
                    monitor.worked(b.bytesRead - lastBytes);
                    lastBytes = b.bytesRead;
                } else {
                    monitor.worked(b.rows.size());
                }
                SourceFeed.rethrow(b);
            } while (!b.end);
            exec.finish();
        } catch (DataFailure e) {
            outcome.status = RunStatus.FAILED_DATA;
            outcome.error = e.getMessage();
        } catch (CancellationException e) {
            outcome.status = RunStatus.CANCELLED;
            outcome.error = "cancelled";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome.status = RunStatus.CANCELLED;
            outcome.error = "interrupted";
        } catch (DataException | LimitExceeded e) {
            outcome.status = RunStatus.FAILED;
            outcome.error = e.getMessage();
        } catch (IOException e) {
            outcome.status = RunStatus.FAILED;
            outcome.error = "cannot write rejects file " + pending.rejects.target() + ": " + e.getMessage();
        } catch (IllegalArgumentException e) {
            outcome.status = RunStatus.FAILED;
            outcome.error = e.getMessage();
        } catch (RuntimeException e) {
            // a defect in a connector or the engine must still end the run cleanly with its outputs discarded
            outcome.status = RunStatus.FAILED;
            outcome.error = "unexpected error: " + e;
        } finally {
            if (feed != null) {
                feed.close();
            }
            if (exec != null) {
                if (outcome.status != RunStatus.SUCCEEDED) {
                    exec.abandon();
                }
                exec.close();
            }
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - t0);
        String rejectsFile = exec != null && exec.rejected > 0 ? pending.rejects.target().toString() : null;
        if (exec == null) {
            return new MappingReport(plan.mapping.id(), plan.mapping.name(), outcome.status, 0, 0, 0, 0, 0, bytes, duration,
                    List.of(), outputs, null, List.of(), List.of(), outcome.error);
        }
        return new MappingReport(plan.mapping.id(), plan.mapping.name(), outcome.status, exec.read, exec.written, exec.rejected,
                exec.filtered, exec.merged, bytes, duration, exec.ruleReports(), outputs, rejectsFile, exec.warnings(),
                exec.firstRejects(), outcome.error);
    }

    /** @return {@code <dir>/rejects/<mapping name>.rejects.csv}, the name made safe for every file system */
    static Path rejectsPath(Path dir, String mappingName) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < mappingName.length(); i++) {
            char c = mappingName.charAt(i);
            b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ' ' ? c : '_');
        }
        String name = b.toString().trim();
        if (name.isEmpty() || name.startsWith(".")) {
            name = "_" + name;
        }
        return dir.resolve("rejects").resolve(name + ".rejects.csv");
    }

    private static final class RunOutput implements Execution.Output {
        private final Pending pending;

        RunOutput(Pending pending) {
            this.pending = pending;
        }

        @Override
        public void write(Object[] target, SourceRow origin, Object[] scopeRow, Object[][] aggregateResults) throws DataException {
            List<RecordWriter> writers = pending.writers;
            for (int i = 0; i < writers.size(); i++) {
                try {
                    writers.get(i).write(target);
                } catch (DataException e) {
                    if (e.recoverable() && i > 0) {
                        // earlier outputs already hold the row: rejecting it now would make the outputs disagree
                        throw new DataException(e.location(), e.reason() + " (output " + (i + 1)
                                + " refused a row the others accepted)", e);
                    }
                    throw e;
                }
            }
        }

        @Override
        public void reject(Reject reject, Object[] scopeRow, String targetFieldId, String ruleId, Object[] target) throws IOException {
            pending.rejects.write(reject);
        }
    }

    /** @return null on success, else why the commit failed */
    private static String commit(Pending p) {
        try {
            for (RecordWriter w : p.writers) {
                w.commit();
            }
            p.rejects.commit();
            return null;
        } catch (DataException e) {
            return "committing output failed: " + e.getMessage();
        } catch (IOException e) {
            return "committing rejects file " + p.rejects.target() + " failed: " + e.getMessage();
        } finally {
            for (RecordWriter w : p.writers) {
                closeQuietly(w);
            }
            p.rejects.discard();
        }
    }

    private static void discard(Pending p, boolean keepRejects) {
        for (RecordWriter w : p.writers) {
            closeQuietly(w);
        }
        if (keepRejects) {
            try {
                p.rejects.commit();
            } catch (IOException e) {
                p.rejects.discard();
            }
        } else {
            p.rejects.discard();
        }
    }

    private static void closeQuietly(RecordWriter w) {
        try {
            w.close();
        } catch (RuntimeException e) {
            // discarding after a failure: the failure already reported matters more
        }
    }

    private static MappingReport skipped(CompiledPlan plan, String reason) {
        return new MappingReport(plan.mapping.id(), plan.mapping.name(), RunStatus.SKIPPED, 0, 0, 0, 0, 0, -1, Duration.ZERO,
                List.of(), List.of(), null, List.of(), List.of(), reason);
    }

    private static MappingReport withStatus(MappingReport r, RunStatus status, String error) {
        return new MappingReport(r.mappingId(), r.name(), status, r.rowsRead(), r.rowsWritten(), r.rowsRejected(), r.rowsFiltered(),
                r.rowsMerged(), r.bytesRead(), r.duration(), r.rules(), r.outputs(), r.rejectsFile(), r.warnings(), r.firstRejects(), error);
    }
}
