package org.mapwright.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.mapwright.internal.cli.DiffCommand;
import org.mapwright.internal.cli.DocsCommand;
import org.mapwright.internal.cli.DriftCommand;
import org.mapwright.internal.cli.ExportCommand;
import org.mapwright.internal.cli.HistoryCommand;
import org.mapwright.internal.cli.InspectCommand;
import org.mapwright.internal.cli.LineageCommand;
import org.mapwright.internal.cli.PreviewCommand;
import org.mapwright.internal.cli.RunCommand;
import org.mapwright.internal.cli.SchemaCommand;
import org.mapwright.internal.cli.Services;
import org.mapwright.internal.cli.UnexpectedErrors;
import org.mapwright.internal.cli.ValidateCommand;
import org.mapwright.internal.cli.VersionProvider;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mapwright} command. Exit codes: 0 success, 1 data errors over a threshold (or a
 * failed run, or an internal error: one line, the stack trace only with {@code --debug}), 2
 * invalid project, refused settings or usage, 130 cancelled.
 */
@Command(name = "mapwright", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Runs, validates, previews and inspects Mapwright mapping projects without the workbench.",
        subcommands = { RunCommand.class, ValidateCommand.class, PreviewCommand.class, InspectCommand.class, ExportCommand.class,
                HistoryCommand.class, LineageCommand.class, DocsCommand.class, DriftCommand.class, DiffCommand.class, SchemaCommand.class,
                CommandLine.HelpCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:success", "1:data errors over a threshold, a failed run, or an internal error", "2:invalid project or usage",
                "130:cancelled" })
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = { "-v", UnexpectedErrors.DEBUG }, scope = CommandLine.ScopeType.INHERIT,
            description = "On an internal error, print its stack trace.")
    boolean debug;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and embedding). */
    public static int execute(Services services, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main(), new ServicesFactory(services));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> 2);
        cl.getCommandSpec().exitCodeOnInvalidInput(2);
        cl.getCommandSpec().exitCodeOnExecutionException(2);
        cl.setExecutionExceptionHandler(new UnexpectedErrors());
        return cl.execute(args);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(Services.standard(), out, err, args));
    }

    /** Gives every command the same services; picocli builds the command objects. */
    private static final class ServicesFactory implements CommandLine.IFactory {
        private final Services services;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        ServicesFactory(Services services) {
            this.services = services;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K k = fallback.create(cls);
            if (k instanceof Services.Aware a) {
                a.services(services);
            }
            return k;
        }
    }
}
