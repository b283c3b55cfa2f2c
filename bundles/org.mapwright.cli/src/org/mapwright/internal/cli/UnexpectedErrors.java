package org.mapwright.internal.cli;

import java.io.PrintWriter;

import org.mapwright.runtime.MapwrightRuntime;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports an exception no command expected in one line instead of a stack trace; the trace is
 * printed only when {@value #DEBUG} (or {@code -v}) was given, for a bug report.
 */
public final class UnexpectedErrors implements IExecutionExceptionHandler {

    /** The option, accepted by every command, that adds stack traces to unexpected errors. */
    public static final String DEBUG = "--debug";

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String message = ex.getMessage() == null || ex.getMessage().isBlank() ? "" : ": " + ex.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        err.println("mapwright: internal error (" + ex.getClass().getName() + message + ")"
                + (debug(parseResult) ? "" : "; run again with " + DEBUG + " for the stack trace and report it"));
        if (debug(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return MapwrightRuntime.EXIT_DATA;
    }

    private static boolean debug(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(DEBUG)) {
                return true;
            }
        }
        return false;
    }
}
