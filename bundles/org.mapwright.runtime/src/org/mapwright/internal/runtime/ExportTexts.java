package org.mapwright.internal.runtime;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.mapwright.core.value.Values;

/** The launcher scripts and operator README of an exported project. */
public final class ExportTexts {

    private ExportTexts() {
    }

    /** @return the POSIX shell launcher {@code bin/mapwright-run} */
    public static String shellLauncher(String projectName, String mainClass) {
        return """
                #!/bin/sh
                # Runs the exported Mapwright project "%s" in ../project.
                # Usage: mapwright-run [--param NAME=VALUE]... [--output DIR] [--report FILE] [--secrets FILE]
                # Needs Java 17 or newer (java on the PATH or JAVA_HOME). JVM options: MAPWRIGHT_OPTS (default -Xmx1g).
                here=$(cd "$(dirname "$0")/.." && pwd)
                if [ -n "$JAVA_HOME" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
                if ! command -v "$java" >/dev/null 2>&1; then
                  echo "mapwright-run: no java found; install Java 17 or newer or set JAVA_HOME" >&2
                  exit 2
                fi
                exec "$java" -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory ${MAPWRIGHT_OPTS:--Xmx1g} -cp "$here/lib/*" %s run "$here/project" "$@"
                """.formatted(plain(projectName), mainClass);
    }

    /** @return the Windows launcher {@code bin/mapwright-run.bat}, with CRLF line ends */
    public static String batchLauncher(String projectName, String mainClass) {
        return """
                @echo off
                rem Runs the exported Mapwright project "%s" in ..\\project (Java 17 or newer).
                rem Usage: mapwright-run [--param NAME=VALUE]... [--output DIR] [--report FILE] [--secrets FILE]
                setlocal
                set "HERE=%%~dp0.."
                if defined JAVA_HOME (set "JAVA=%%JAVA_HOME%%\\bin\\java.exe") else (set "JAVA=java")
                if not defined MAPWRIGHT_OPTS set "MAPWRIGHT_OPTS=-Xmx1g"
                "%%JAVA%%" -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory %%MAPWRIGHT_OPTS%% -cp "%%HERE%%\\lib\\*" %s run "%%HERE%%\\project" %%*
                exit /b %%ERRORLEVEL%%
                """.formatted(plain(projectName), mainClass).replace("\n", "\r\n");
    }

    /** One row of the README's parameter table. */
    public record ParameterRow(String name, String variable, Object value, String of, String note) {
    }

    /** One mapping in run order. */
    public record StepRow(String mapping, List<String> after, String outputs) {
    }

    /** One credential key the project needs at run time. */
    public record SecretRow(String key, String variable, String usedBy) {
    }

    /** @return README.md for the operators of an export */
    public static String readme(String projectName, Instant exported, List<StepRow> steps, List<ParameterRow> parameters,
            List<SecretRow> secrets, List<String> dataFiles, int jars) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(oneLine(projectName)).append(" — runnable Mapwright project\n\n");
        b.append("Exported with `mapwright export` on ").append(exported.truncatedTo(ChronoUnit.SECONDS)).append(
                ". Everything needed to run the project is here; only Java is not.\n\n");
        b.append("""
                | path | what |
                | --- | --- |
                | `bin/mapwright-run` | runs the project (POSIX shell) |
                | `bin/mapwright-run.bat` | runs the project (Windows) |
                | `project/` | the project file `mapwright.json` and the data files it reads |
                | `lib/` | the Mapwright engine, connectors and their libraries (%d jars) |
                | `SHA256SUMS` | checksums of every other file |

                ## Requirements

                Java 17 or newer: `java` on the `PATH`, or `JAVA_HOME` set. JVM options (memory) go in
                `MAPWRIGHT_OPTS` (default `-Xmx1g`).

                ## Running

                ```
                bin/mapwright-run --output /data/out --report /data/out/report.json
                bin\\mapwright-run.bat --output D:\\out --report D:\\out\\report.json
                ```

                If unpacking lost the executable bit, run `sh bin/mapwright-run` or `chmod +x bin/mapwright-run`.

                | option | meaning |
                | --- | --- |
                | `--param NAME=VALUE` | a run-time value for a setting (see *Parameters*); repeatable |
                | `--output DIR` | folder that relative output paths and `rejects/` resolve against (default: `project/`) |
                | `--report FILE` | write the JSON run report to FILE |
                | `--secrets FILE` | properties file of secrets (`key=secret`), readable only by its owner |
                | `-m MAPPING` | run only this mapping; repeatable |
                | `-q` | no progress on stderr |

                """.formatted(jars));
        b.append("## Mappings\n\nThey run one after the other in this order; a mapping runs after the mappings whose output it reads. ")
                .append("Each mapping's outputs are committed when it succeeds. When a mapping fails, the mappings reading its ")
                .append("output are skipped and the others still run.\n\n");
        b.append("| # | mapping | runs after | writes |\n| --- | --- | --- | --- |\n");
        for (int i = 0; i < steps.size(); i++) {
            StepRow s = steps.get(i);
            b.append("| ").append(i + 1).append(" | ").append(cell(s.mapping())).append(" | ")
                    .append(s.after().isEmpty() ? "–" : cell(String.join(", ", s.after()))).append(" | ").append(cell(s.outputs()))
                    .append(" |\n");
        }
        b.append("""

                ## Parameters

                Every setting of a source or output can be given at run time, without editing the project:
                `--param NAME=VALUE`, or the environment variable in the table (the command line wins). The
                value is converted to the setting's type. An unknown name stops the run with exit code 2.
                Relative paths resolve against `project/` for sources and against `--output` for outputs.

                """);
        boolean mustSet = parameters.stream().anyMatch(p -> p.note() != null);
        if (mustSet) {
            b.append("Parameters marked **set this** point outside the exported project (an absolute path or a path ")
                    .append("outside the project folder on the machine it was exported from): give them a value that fits this ")
                    .append("machine.\n\n");
        }
        b.append("| parameter | environment variable | value in the project | of |\n| --- | --- | --- | --- |\n");
        for (ParameterRow p : parameters) {
            b.append("| `").append(p.name()).append("` | `").append(p.variable()).append("` | ")
                    .append(p.value() == null ? "" : code(Values.format(p.value())))
                    .append(p.note() == null ? "" : " **set this**: " + cell(p.note())).append(" | ").append(cell(p.of()))
                    .append(" |\n");
        }
        b.append("\n## Secrets\n\n");
        if (secrets.isEmpty()) {
            b.append("The project needs no secrets.\n");
        } else {
            b.append("""
                    This export contains no secret, only the keys secrets are looked up by. Give each secret at run time
                    in its environment variable, or in a properties file (`key=secret`, readable only by its owner:
                    `chmod 600`) named with `--secrets FILE`.

                    | credential key | environment variable | used by |
                    | --- | --- | --- |
                    """);
            for (SecretRow s : secrets) {
                b.append("| ").append(code(s.key())).append(" | `").append(s.variable()).append("` | ").append(cell(s.usedBy()))
                        .append(" |\n");
            }
        }
        b.append("""

                ## Outputs, rejects and the report

                Outputs with relative paths are written below the `--output` folder (default `project/`); each file
                appears by an atomic rename only when its mapping succeeded. Rows a mapping rejects go to
                `<output folder>/rejects/<mapping name>.rejects.csv` (columns `record, file, line, field, rule,
                reason, raw`). With `--report FILE` the run writes a JSON report: status, row counts, rule
                violations and first rejects per mapping, in run order.

                ## Exit codes

                | code | meaning |
                | --- | --- |
                | 0 | every mapping succeeded |
                | 1 | a mapping failed: bad data over a threshold, a rule with action `fail`, or a source or output that could not be used |
                | 2 | invalid project, unknown parameter or wrong command line: nothing ran |
                | 130 | cancelled |

                ## Checking the files

                ```
                sha256sum -c SHA256SUMS
                ```

                """);
        if (!dataFiles.isEmpty()) {
            b.append("Data files in `project/`: ").append(String.join(", ", dataFiles.stream().map(f -> "`" + f + "`").toList()))
                    .append(".\n");
        }
        return b.toString();
    }

    /** @return the name with only characters no shell or batch comment treats specially */
    private static String plain(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) || " -_.,()'".indexOf(c) >= 0 ? c : '_');
        }
        return b.toString();
    }

    /** @return text for a table cell: one line, pipes escaped */
    private static String cell(String s) {
        return oneLine(s).replace("|", "\\|");
    }

    /** @return a value as a code span in a table cell, fenced so that backticks in it survive */
    private static String code(String s) {
        String c = cell(s);
        return c.contains("`") ? "`` " + c + " ``" : "`" + c + "`";
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
