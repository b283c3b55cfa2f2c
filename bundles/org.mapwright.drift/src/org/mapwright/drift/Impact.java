package org.mapwright.drift;

import java.util.List;
import java.util.Objects;

import org.mapwright.engine.Problem;

/**
 * What a drift does to one element of a mapping, found by compiling the project with the new
 * structure (not by guessing from names): an expression that no longer compiles, a field whose
 * values the stored type no longer reads, or a source that cannot be opened with the stored
 * structure any more.
 *
 * @param sourceId    the drifted source this is attributed to
 * @param mappingId   the mapping, or null for a source-level impact
 * @param mappingName its name, or null
 * @param element     the element as in {@link Problem.Location#element()}
 * @param label       the element for people, e.g. {@code field email}
 * @param expression  the expression text of the element, or null
 * @param fields      stored paths of the changed fields the element reads
 * @param problem     the engine's problem, or null when the impact is not a compile problem
 * @param message     what happens, for people
 * @param breaking    whether the mapping fails (or rejects rows) as the project stands
 */
public record Impact(String sourceId, String mappingId, String mappingName, String element, String label, String expression,
        List<String> fields, Problem problem, String message, boolean breaking) {

    public Impact {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(message, "message");
        fields = List.copyOf(fields == null ? List.of() : fields);
    }

    /** @return e.g. {@code mapping customers, field email: unknown field 'email'} */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (mappingName != null) {
            b.append("mapping ").append(mappingName).append(", ");
        }
        b.append(label).append(": ").append(message);
        if (problem != null && problem.hint() != null) {
            b.append(" (").append(problem.hint()).append(')');
        }
        return b.toString();
    }
}
