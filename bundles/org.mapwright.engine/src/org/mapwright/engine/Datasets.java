package org.mapwright.engine;

import java.nio.file.Path;
import java.util.Optional;

import org.mapwright.core.Settings;

/**
 * Names the data a source reads or an output writes (a file, a database table), so that a run can
 * see that one mapping reads what another writes and order them as a {@link Pipeline}. The host
 * knows its connectors' settings and supplies the implementation; the engine only compares names.
 */
@FunctionalInterface
public interface Datasets {

    /** Knows no data set: every mapping of a run stands alone. */
    Datasets NONE = (connector, settings, baseDirectory) -> Optional.empty();

    /**
     * @param connector     connector kind of the source or output, e.g. {@code "csv"}
     * @param settings      its settings
     * @param baseDirectory the folder its relative paths resolve against (the project folder)
     * @return a name that is equal for a source and an output using the same data, whatever their
     *         connectors; empty when the settings do not tell (e.g. a database source given by a
     *         query)
     */
    Optional<String> name(String connector, Settings settings, Path baseDirectory);
}
