package org.mapwright.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.infer.SchemaIds;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.core.schema.JsonSchemaImport;
import org.mapwright.core.schema.SchemaImportException;
import org.mapwright.core.schema.SqlDdlImport;
import org.mapwright.runtime.MapwrightRuntime;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mapwright schema import}: target schemas from JSON Schema or SQL DDL. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Works with target schemas.",
        subcommands = { SchemaCommand.Import.class, CommandLine.HelpCommand.class })
public final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return MapwrightRuntime.EXIT_INVALID;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = { "Imports a target schema from a JSON Schema document or from SQL CREATE TABLE statements.",
                    "With --into and --mapping it replaces that mapping's target schema in the project file: fields that keep their",
                    "names keep their ids (and so their field mappings and rules); mappings of fields that are gone are dropped.",
                    "Without --into it prints the schema as project JSON." })
    public static final class Import implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        static final class Input {
            @Option(names = "--json-schema", paramLabel = "FILE", required = true,
                    description = "A JSON Schema (draft 07 or 2020-12) describing one object.")
            Path jsonSchema;

            @Option(names = "--ddl", paramLabel = "FILE", required = true, description = "An SQL script with CREATE TABLE statements.")
            Path ddl;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Input input;

        @Option(names = "--table", paramLabel = "NAME", description = "With --ddl: the table to import when the script creates several.")
        String table;

        @Option(names = "--into", paramLabel = "PROJECT", description = "Project folder (or its mapwright.json) to update.")
        Path project;

        @Option(names = "--mapping", paramLabel = "ID", description = "With --into: id or name of the mapping whose target schema is replaced.")
        String mapping;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (table != null && input.ddl == null) {
                err.println("mapwright: --table only applies to --ddl");
                return MapwrightRuntime.EXIT_INVALID;
            }
            if ((project == null) != (mapping == null)) {
                err.println("mapwright: --into and --mapping go together");
                return MapwrightRuntime.EXIT_INVALID;
            }
            Path file = input.jsonSchema != null ? input.jsonSchema : input.ddl;
            if (!Files.isRegularFile(file)) {
                err.println("mapwright: " + file + ": no such file");
                return MapwrightRuntime.EXIT_INVALID;
            }
            Ids ids = new Ids();
            ProjectIO io = new ProjectIO();
            try {
                Schema imported = input.jsonSchema != null ? new JsonSchemaImport(ids).read(file) : new SqlDdlImport(ids).read(file, table);
                if (project == null) {
                    out.println(io.toJson(imported));
                    return MapwrightRuntime.EXIT_OK;
                }
                Project p = io.read(project);
                MappingDef m = p.mapping(mapping).orElse(null);
                if (m == null) {
                    m = p.mappings().stream().filter(x -> x.name().equals(mapping)).findFirst().orElse(null);
                }
                if (m == null) {
                    err.println("mapwright: no mapping '" + mapping + "' in " + ProjectIO.projectFile(project) + " (mappings: "
                            + String.join(", ", p.mappings().stream().map(MappingDef::id).toList()) + ")");
                    return MapwrightRuntime.EXIT_INVALID;
                }
                Schema previous = m.targetSchema();
                Schema merged = SchemaIds.carryOver(imported, previous, ids);
                Set<String> before = new HashSet<>();
                previous.allFields().forEach(f -> before.add(f.id()));
                long kept = merged.allFields().stream().map(Field::id).filter(before::contains).count();
                long added = merged.allFields().size() - kept;
                long removed = before.size() - kept;
                io.write(p.withMapping(m.withTargetSchema(merged)), project);
                out.println("mapping '" + m.id() + "': target schema imported from " + file + ": " + merged.allFields().size()
                        + " fields (" + kept + " kept their ids, " + added + " new, " + removed + " removed)");
                return MapwrightRuntime.EXIT_OK;
            } catch (SchemaImportException e) {
                err.println("mapwright: " + e.getMessage());
                return MapwrightRuntime.EXIT_INVALID;
            } catch (IOException e) {
                err.println("mapwright: " + e.getMessage());
                return MapwrightRuntime.EXIT_INVALID;
            }
        }
    }
}
