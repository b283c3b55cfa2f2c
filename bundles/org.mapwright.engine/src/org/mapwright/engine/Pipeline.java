package org.mapwright.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The mappings of a run in the order they execute, with what each reads from the others: when a
 * source of mapping B reads the data set an output of mapping A writes (same file, same database
 * table, as named by {@link Datasets}), B depends on A and runs after it. Mappings that do not
 * depend on each other keep their given order. Mappings that depend on each other in a cycle
 * cannot run; {@link #problems()} names the cycle. A mapping that reads its own output (a file
 * rewritten in place) reads the previous version: that is not a dependency.
 *
 * <p>Made by {@link MappingEngine#pipeline}; immutable.
 */
public final class Pipeline {

    /**
     * A source of a mapping reads what an output of an earlier mapping writes.
     *
     * @param sourceId    the reading mapping's source
     * @param sourceName  its name
     * @param mappingId   the writing mapping
     * @param mappingName its name
     * @param outputId    the writing output
     */
    public record Link(String sourceId, String sourceName, String mappingId, String mappingName, String outputId) {
        public Link {
            Objects.requireNonNull(sourceId, "sourceId");
            Objects.requireNonNull(mappingId, "mappingId");
            Objects.requireNonNull(outputId, "outputId");
        }
    }

    /**
     * One mapping of the run.
     *
     * @param mappingId mapping id
     * @param name      mapping name
     * @param inputs    the outputs of other mappings of the run it reads, in source order
     */
    public record Step(String mappingId, String name, List<Link> inputs) {
        public Step {
            Objects.requireNonNull(mappingId, "mappingId");
            Objects.requireNonNull(name, "name");
            inputs = List.copyOf(inputs);
        }

        /** @return the ids of the mappings this one reads from, each once */
        public Set<String> dependsOn() {
            Set<String> out = new LinkedHashSet<>();
            for (Link l : inputs) {
                out.add(l.mappingId());
            }
            return out;
        }
    }

    private final List<Step> steps;
    private final List<Problem> problems;

    private Pipeline(List<Step> steps, List<Problem> problems) {
        this.steps = List.copyOf(steps);
        this.problems = List.copyOf(problems);
    }

    /** @return steps that run one after the other in the given order, depending on nothing */
    static Pipeline sequence(List<Step> steps) {
        return new Pipeline(steps, List.of());
    }

    /**
     * Orders steps so that every step comes after the steps it depends on; among steps free to
     * run, the earliest in the given order goes first (a stable topological sort).
     *
     * @param steps every step of the run, in the preferred order; links to mappings outside the
     *              run are ignored
     */
    static Pipeline order(List<Step> steps) {
        Map<String, Step> byId = new LinkedHashMap<>();
        for (Step s : steps) {
            byId.put(s.mappingId(), withoutOutsideLinks(s, steps));
        }
        List<Step> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        boolean progress = true;
        while (progress && placed.size() < byId.size()) {
            progress = false;
            for (Step s : byId.values()) {
                if (!placed.contains(s.mappingId()) && placed.containsAll(s.dependsOn())) {
                    ordered.add(s);
                    placed.add(s.mappingId());
                    progress = true;
                    break;
                }
            }
        }
        if (placed.size() == byId.size()) {
            return new Pipeline(ordered, List.of());
        }
        List<Problem> cycles = new ArrayList<>();
        for (List<String> cycle : cycles(byId, placed)) {
            cycles.add(cycleProblem(cycle, byId));
        }
        return new Pipeline(new ArrayList<>(byId.values()), cycles);
    }

    private static Step withoutOutsideLinks(Step s, List<Step> steps) {
        List<Link> kept = new ArrayList<>();
        for (Link l : s.inputs()) {
            if (!l.mappingId().equals(s.mappingId()) && steps.stream().anyMatch(o -> o.mappingId().equals(l.mappingId()))) {
                kept.add(l);
            }
        }
        return new Step(s.mappingId(), s.name(), kept);
    }

    /**
     * @return one cycle per group of mappings that depend on each other (strongly connected
     *         component), each as mapping ids in data-flow order, starting and ending with the
     *         group's first mapping in run order
     */
    private static List<List<String>> cycles(Map<String, Step> byId, Set<String> placed) {
        List<String> open = new ArrayList<>();
        for (String id : byId.keySet()) {
            if (!placed.contains(id)) {
                open.add(id);
            }
        }
        // writer -> readers among the mappings that could not be placed
        Map<String, List<String>> flowsTo = new LinkedHashMap<>();
        for (String id : open) {
            flowsTo.put(id, new ArrayList<>());
        }
        for (String id : open) {
            for (String from : byId.get(id).dependsOn()) {
                if (flowsTo.containsKey(from)) {
                    flowsTo.get(from).add(id);
                }
            }
        }
        List<List<String>> out = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        for (String start : open) {
            if (reported.contains(start)) {
                continue;
            }
            List<String> cycle = shortestCycle(start, flowsTo);
            if (cycle != null) {
                out.add(cycle);
                reported.addAll(component(start, flowsTo));
            }
        }
        return out;
    }

    /** @return the shortest path from {@code start} back to itself, or null when there is none */
    private static List<String> shortestCycle(String start, Map<String, List<String>> flowsTo) {
        Map<String, String> previous = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (String next : flowsTo.get(at)) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>();
                    path.add(start);
                    for (String p = at; !p.equals(start); p = previous.get(p)) {
                        path.add(1, p);
                    }
                    path.add(start);
                    return path;
                }
                if (!previous.containsKey(next)) {
                    previous.put(next, at);
                    queue.add(next);
                }
            }
        }
        return null;
    }

    /** @return the mappings that are both reachable from {@code start} and reach it */
    private static Set<String> component(String start, Map<String, List<String>> flowsTo) {
        Set<String> forward = reach(start, flowsTo);
        Map<String, List<String>> reverse = new HashMap<>();
        for (var e : flowsTo.entrySet()) {
            for (String to : e.getValue()) {
                reverse.computeIfAbsent(to, k -> new ArrayList<>()).add(e.getKey());
            }
        }
        Set<String> backward = reach(start, reverse);
        forward.retainAll(backward);
        return forward;
    }

    private static Set<String> reach(String start, Map<String, List<String>> edges) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(start);
        seen.add(start);
        while (!todo.isEmpty()) {
            for (String next : edges.getOrDefault(todo.poll(), List.of())) {
                if (seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        return seen;
    }

    private static Problem cycleProblem(List<String> cycle, Map<String, Step> byId) {
        List<String> names = new ArrayList<>();
        for (String id : cycle) {
            names.add("'" + byId.get(id).name() + "'");
        }
        List<String> reads = new ArrayList<>();
        for (int i = 1; i < cycle.size(); i++) {
            Step reader = byId.get(cycle.get(i));
            String writer = cycle.get(i - 1);
            for (Link l : reader.inputs()) {
                if (l.mappingId().equals(writer)) {
                    reads.add("'" + reader.name() + "' reads source '" + l.sourceName() + "', which '" + l.mappingName()
                            + "' writes (output " + l.outputId() + ")");
                    break;
                }
            }
        }
        return Problem.error(Problem.Location.of(cycle.get(0), Problem.MAPPING),
                "mappings read each other's outputs in a cycle: " + String.join(" → ", names),
                String.join("; ", reads) + "; mappings run one after the other, so one of them must read something else");
    }

    /** @return the steps in execution order (for a cycle, in the given order; such a pipeline cannot run) */
    public List<Step> steps() {
        return steps;
    }

    /** @return one error per cycle of mappings reading each other's outputs; empty when the pipeline can run */
    public List<Problem> problems() {
        return problems;
    }

    /** @return whether the steps can run: no cycle */
    public boolean isRunnable() {
        return problems.isEmpty();
    }

    /** @return the step of a mapping, empty when the mapping is not part of the run */
    public Optional<Step> step(String mappingId) {
        return steps.stream().filter(s -> s.mappingId().equals(mappingId)).findFirst();
    }

    @Override
    public String toString() {
        List<String> out = new ArrayList<>();
        for (Step s : steps) {
            out.add(s.name() + (s.inputs().isEmpty() ? "" : " after " + s.dependsOn()));
        }
        return "Pipeline" + out + (problems.isEmpty() ? "" : " " + problems);
    }
}
