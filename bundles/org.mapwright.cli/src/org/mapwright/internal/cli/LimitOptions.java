package org.mapwright.internal.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mapwright.core.connector.Limits;

import picocli.CommandLine.Option;

/** The {@code --limit NAME=N} option of the commands that read sources. */
public final class LimitOptions {

    @Option(names = "--limit", paramLabel = "NAME=N",
            description = { "A reader limit for this command, over the project's \"limits\" and the defaults; repeatable: "
                    + "maxFieldChars (default 1048576), maxRecordChars (16777216), maxNestingDepth (64), maxNumberChars (1000)." })
    Map<String, Long> values = new LinkedHashMap<>();

    /** @return the limits given by name, for {@code RunOptions} and previews */
    Map<String, Long> values() {
        return values;
    }

    /** @return the defaults with the limits given applied, for commands that read without a project */
    Limits over(Limits base) {
        return base.with(values);
    }

    /** @return false, after printing why, when a limit is unknown or out of range */
    boolean check(PrintWriter err) {
        try {
            Limits.DEFAULTS.with(values);
            return true;
        } catch (IllegalArgumentException e) {
            err.println("mapwright: --limit: " + e.getMessage());
            return false;
        }
    }
}
