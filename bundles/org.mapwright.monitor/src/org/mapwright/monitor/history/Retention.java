package org.mapwright.monitor.history;

import java.time.Instant;

/**
 * Which runs of a project {@link HistoryStore#prune pruning} keeps. A run is kept when any rule
 * given keeps it: it is one of the newest {@code keepLast} runs (by run number, i.e. recording
 * order), or it started at or after {@code keepSince}. Every other run is deleted.
 *
 * @param keepLast  how many of the newest runs to keep, or {@link #ANY} for no count rule
 * @param keepSince keep runs that started at or after this time, or null for no date rule
 */
public record Retention(int keepLast, Instant keepSince) {

    /** {@link #keepLast} meaning "no count rule". */
    public static final int ANY = -1;

    /**
     * @throws IllegalArgumentException when no rule is given, or {@code keepLast} is negative
     *                                  other than {@link #ANY}
     */
    public Retention {
        if (keepLast < ANY) {
            throw new IllegalArgumentException("the number of runs to keep must not be negative, not " + keepLast);
        }
        if (keepLast == ANY && keepSince == null) {
            throw new IllegalArgumentException("give the number of runs to keep, the date to keep runs since, or both");
        }
    }

    /** @return keep the newest {@code n} runs */
    public static Retention last(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("the number of runs to keep must not be negative, not " + n);
        }
        return new Retention(n, null);
    }

    /** @return keep the runs started at or after {@code since} */
    public static Retention since(Instant since) {
        return new Retention(ANY, java.util.Objects.requireNonNull(since, "since"));
    }

    /** @return whether the run at {@code index} (0 = newest) that started at {@code start} is kept */
    public boolean keeps(int index, Instant start) {
        return keepLast != ANY && index < keepLast || keepSince != null && start != null && !start.isBefore(keepSince);
    }
}
