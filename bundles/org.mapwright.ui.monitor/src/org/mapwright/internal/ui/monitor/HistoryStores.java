package org.mapwright.internal.ui.monitor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.monitor.history.HistoryException;
import org.mapwright.monitor.history.HistoryStore;

/**
 * Which run history a view reads: the project folder's own H2 store (what the workbench and
 * {@code mapwright run} record into by default), or a store the user names with the same
 * settings as {@code mapwright history --history-db}, written {@code key=value} separated by
 * spaces, e.g. {@code driver=postgresql host=db database=ops user=etl schema=mapwright}.
 */
public final class HistoryStores {

    private HistoryStores() {
    }

    /**
     * @param settings the user's settings, or null/blank for the project's own store
     * @param credentials supplies a PostgreSQL password by its {@code credentialKey}; may be null
     * @throws HistoryException naming a malformed or refused setting
     */
    public static HistoryStore open(Path projectFolder, String settings, CredentialStore credentials) throws HistoryException {
        if (settings == null || settings.isBlank()) {
            return HistoryStore.h2(HistoryStore.defaultLocation(projectFolder));
        }
        return HistoryStore.open(Settings.of(parse(settings)), new ConnectorContext(projectFolder, credentials, null));
    }

    /**
     * @return the settings as a map in the order written
     * @throws HistoryException when a word is not {@code key=value}
     */
    public static Map<String, String> parse(String settings) throws HistoryException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String word : settings.trim().split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new HistoryException("history store setting '" + word + "' is not key=value (e.g. driver=postgresql)");
            }
            out.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return out;
    }
}
