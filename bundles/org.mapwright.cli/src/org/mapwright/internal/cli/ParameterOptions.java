package org.mapwright.internal.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.mapwright.runtime.Parameters;

import picocli.CommandLine.Option;

/** The {@code --param NAME=VALUE} option of the commands that read a project's data. */
public final class ParameterOptions {

    @Option(names = { "-P", "--param" }, paramLabel = "NAME=VALUE",
            description = { "A run-time value for a setting of a source or output, e.g. customers.path=/data/in.csv or "
                    + "out_h2db4n8p.table=customers_v2; repeatable. Wins over the environment variable MAPWRIGHT_PARAM_<NAME> "
                    + "(NAME in upper case, other characters than A-Z and 0-9 as _). Secrets are never parameters." })
    Map<String, String> values = new LinkedHashMap<>();

    /** @return the values given here, over those of the process environment */
    Parameters parameters() {
        return Parameters.of(values, System.getenv());
    }
}
