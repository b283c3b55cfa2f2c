package org.mapwright.internal.cli;

import java.io.PrintWriter;
import java.util.List;

import org.mapwright.engine.Problem;
import org.mapwright.runtime.InvalidProjectException;

/** Prints validation problems one per line, errors first, each with its location and hint. */
final class Problems {

    private Problems() {
    }

    static void print(InvalidProjectException e, PrintWriter err) {
        err.println("mapwright: " + e.getMessage());
        print(e.problems(), err);
    }

    static void print(List<Problem> problems, PrintWriter w) {
        for (Problem p : problems) {
            w.println("  " + p);
        }
    }
}
