package org.mapwright.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Supplies the jar files of a headless Mapwright (core, engine, connectors, runtime, command line
 * and their libraries) for {@link ProjectExporter} to put into an export. The command line answers
 * with the jars of its own {@code lib/} folder; the workbench with the bundle jars of its
 * installation.
 */
@FunctionalInterface
public interface RuntimeJars {

    /**
     * @return the jar files; the exporter leaves out UI toolkit jars (SWT, JFace, e4, Equinox) and
     *         refuses a set without the engine, the runtime or the command line
     * @throws IOException naming where the jars were looked for when they cannot be listed
     */
    List<Path> jars() throws IOException;
}
