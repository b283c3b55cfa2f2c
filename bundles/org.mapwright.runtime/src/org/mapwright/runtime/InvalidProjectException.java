package org.mapwright.runtime;

import java.util.List;

import org.mapwright.engine.Problem;

/**
 * The project cannot run: its file is unreadable or a mapping has errors. Carries every problem so
 * the command line can print them all (exit code 2).
 */
public final class InvalidProjectException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidProjectException(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** @return the problems found; empty when the project file itself could not be read */
    public List<Problem> problems() {
        return problems;
    }
}
