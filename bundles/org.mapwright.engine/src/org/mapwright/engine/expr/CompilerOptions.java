package org.mapwright.engine.expr;

import java.time.Clock;
import java.util.Objects;

/**
 * Settings of an {@link ExpressionCompiler}. Immutable.
 *
 * @param clock   the clock {@code now()}, {@code today()} and {@code current_date} read, and whose
 *                zone they use; a fixed clock makes them repeatable in tests
 * @param lookups the port for {@code lookup(...)}, or null when no lookups are available (a call is
 *                then a compile error)
 */
public record CompilerOptions(Clock clock, LookupResolver lookups) {

    public CompilerOptions {
        Objects.requireNonNull(clock, "clock");
    }

    /** @return the system clock in the default zone, no lookups */
    public static CompilerOptions defaults() {
        return new CompilerOptions(Clock.systemDefaultZone(), null);
    }

    public CompilerOptions withClock(Clock newClock) {
        return new CompilerOptions(newClock, lookups);
    }

    public CompilerOptions withLookups(LookupResolver newLookups) {
        return new CompilerOptions(clock, newLookups);
    }
}
