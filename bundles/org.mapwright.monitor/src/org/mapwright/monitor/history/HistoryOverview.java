package org.mapwright.monitor.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What {@code mapwright history} shows for a project: its latest runs and the pass rates of its
 * quality rules over them.
 *
 * @param project   the project's name
 * @param store     the store's description
 * @param totalRuns how many runs of the project the store holds
 * @param runs      the latest runs, newest first
 * @param rules     every rule's pass rates over those runs
 */
public record HistoryOverview(String project, String store, int totalRuns, List<RunSummary> runs, List<RuleSeries> rules) {

    public HistoryOverview {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(store, "store");
        runs = List.copyOf(runs);
        rules = List.copyOf(rules);
    }

    /**
     * Reads the overview of a project's last {@code limit} runs.
     *
     * @throws HistoryException when the store cannot be read
     */
    public static HistoryOverview read(HistoryStore store, String project, int limit) throws HistoryException {
        return new HistoryOverview(project, store.description(), store.countRuns(project), store.runs(project, 0, limit),
                store.ruleSeries(project, limit));
    }

    /** @return the runs oldest first, the order of trends */
    public List<RunSummary> trend() {
        List<RunSummary> out = new ArrayList<>(runs);
        Collections.reverse(out);
        return out;
    }
}
