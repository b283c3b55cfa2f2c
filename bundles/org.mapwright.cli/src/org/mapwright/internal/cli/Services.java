package org.mapwright.internal.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.runtime.CredentialStores;
import org.mapwright.runtime.EnvironmentCredentialStore;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.PropertiesFileCredentialStore;
import org.mapwright.runtime.RunListener;
import org.mapwright.runtime.StandardConnectors;

import java.time.Clock;

/**
 * What the commands use: connectors and the secrets of a headless run (environment variables,
 * plus a protected properties file the user names with {@code --secrets}).
 *
 * @param connectors  the connector registry
 * @param environment secrets from {@code MAPWRIGHT_SECRET_*} variables
 * @param clock       clock for run reports
 */
public record Services(ConnectorRegistry connectors, CredentialStore environment, Clock clock) {

    /** Commands that need services implement this; the command factory injects them. */
    public interface Aware {
        void services(Services services);
    }

    public static Services standard() {
        return new Services(StandardConnectors.registry(), new EnvironmentCredentialStore(), Clock.systemDefaultZone());
    }

    /**
     * @param secretsFile a properties file of secrets, or null
     * @throws IOException naming the file when it is unreadable or readable by others
     */
    public MapwrightRuntime runtime(Path secretsFile) throws IOException {
        return runtime(secretsFile, null);
    }

    /**
     * @param secretsFile a properties file of secrets, or null
     * @param listener    told about every run (the run history), or null
     * @throws IOException naming the file when it is unreadable or readable by others
     */
    public MapwrightRuntime runtime(Path secretsFile, RunListener listener) throws IOException {
        return new MapwrightRuntime(connectors, credentials(secretsFile), clock, listener);
    }

    /**
     * @return secrets from the file (when given) first, then from the environment
     * @throws IOException naming the file when it is unreadable or readable by others
     */
    public CredentialStore credentials(Path secretsFile) throws IOException {
        List<CredentialStore> stores = new ArrayList<>();
        if (secretsFile != null) {
            stores.add(PropertiesFileCredentialStore.load(secretsFile));
        }
        stores.add(environment);
        return CredentialStores.firstOf(stores);
    }
}
