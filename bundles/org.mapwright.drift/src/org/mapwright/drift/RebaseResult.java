package org.mapwright.drift;

import java.util.List;
import java.util.Objects;

import org.mapwright.core.Project;
import org.mapwright.engine.Problem;

/**
 * The outcome of {@link DriftAnalyzer#rebase}.
 *
 * @param project  the rebased project (a new value; the input is unchanged)
 * @param accepted the proposals applied
 * @param rejected the proposals not applied: their fields count as removed and added, and the
 *                 expressions that read them stay as written (and show up in {@link #problems()})
 * @param edits    every rewrite made
 * @param problems the engine's problems of the rebased project, errors first: whatever the
 *                 rebase could not fix (references to removed fields, type errors)
 */
public record RebaseResult(Project project, List<RebaseProposal> accepted, List<RebaseProposal> rejected,
        List<ExpressionEdit> edits, List<Problem> problems) {

    public RebaseResult {
        Objects.requireNonNull(project, "project");
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
        edits = List.copyOf(edits);
        problems = List.copyOf(problems);
    }

    /** @return whether the rebased project has errors */
    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
