package org.mapwright.internal.engine.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.DataException;
import org.mapwright.engine.EngineLimits;
import org.mapwright.engine.PreviewRequest;
import org.mapwright.engine.PreviewResult;
import org.mapwright.engine.Reject;

/**
 * Runs a plan like a run does, but with row limits and no writers, collecting target rows,
 * rejected rows and the source rows behind them. Reads on the caller's thread and polls the
 * monitor every batch, so an editor can cancel and restart it on every keystroke.
 */
public final class Previewer {

    private final ConnectorRegistry registry;
    private final EngineLimits limits;

    public Previewer(ConnectorRegistry registry, EngineLimits limits) {
        this.registry = registry;
        this.limits = limits;
    }

    /** @throws CancellationException when the request's monitor is cancelled */
    public PreviewResult preview(CompiledPlan plan, PreviewRequest request) {
        if (plan.hasErrors()) {
            return new PreviewResult(plan, List.of(), List.of(), 0, 0, 0, false, plan.firstError(), List.of());
        }
        Collector out = new Collector(request.rows(), request.maxRejects());
        ConnectorContext context = new ConnectorContext(request.projectDirectory(), request.credentials(), request.limits());
        Execution exec = new Execution(plan, registry, context, limits, request.monitor(), out, false);
        String error = null;
        boolean complete = false;
        SourceFeed feed = null;
        try {
            exec.prepare();
            if (request.monitor().isCanceled()) {
                throw new CancellationException();
            }
            feed = new SourceFeed(new SourceAccess(registry, context, plan.primary, 0, plan.scope.slotCount()), false,
                    plan.mapping.name());
            SourceFeed.Batch b;
            reading:
            do {
                if (request.monitor().isCanceled()) {
                    throw new CancellationException();
                }
                b = feed.next();
                for (SourceRow r : b.rows) {
                    if (exec.read >= request.maxSourceRows() || (!plan.aggregating && out.full())) {
                        break reading;
                    }
                    exec.process(r);
                }
                SourceFeed.rethrow(b);
                complete = b.end;
            } while (!b.end);
            exec.finish();
        } catch (DataException | LimitExceeded e) {
            error = e.getMessage();
        } catch (DataFailure e) {
            error = e.getMessage();
        } catch (IOException e) {
            error = e.getMessage();
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            // a defect in a connector must not take the editor down; show it like any other preview error
            error = "unexpected error: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } finally {
            if (feed != null) {
                feed.close();
            }
            exec.close();
        }
        return new PreviewResult(plan, out.rows, out.rejects, exec.read, exec.filtered, exec.rejected, complete, error,
                exec.warnings());
    }

    private static final class Collector implements Execution.Output {
        final int maxRows;
        final int maxRejects;
        final List<PreviewResult.Row> rows = new ArrayList<>();
        final List<PreviewResult.RejectedRow> rejects = new ArrayList<>();

        Collector(int maxRows, int maxRejects) {
            this.maxRows = maxRows;
            this.maxRejects = maxRejects;
        }

        @Override
        public void write(Object[] target, SourceRow origin, Object[] scopeRow, Object[][] aggregateResults) {
            if (rows.size() < maxRows) {
                rows.add(new PreviewResult.Row(target, scopeRow, origin.record, origin.line, aggregateResults));
            }
        }

        @Override
        public void reject(Reject reject, Object[] scopeRow, String targetFieldId, String ruleId, Object[] target) {
            if (rejects.size() < maxRejects) {
                rejects.add(new PreviewResult.RejectedRow(reject, scopeRow, targetFieldId, ruleId, target));
            }
        }

        @Override
        public boolean full() {
            return rows.size() >= maxRows;
        }
    }
}
