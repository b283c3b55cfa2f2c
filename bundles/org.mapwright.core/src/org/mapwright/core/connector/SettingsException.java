package org.mapwright.core.connector;

/**
 * Settings a connector refuses before touching any data (an unknown driver, a URL property not
 * on the allow-list, a malformed value): a configuration error the user fixes in the project or
 * on the command line, not bad data. Command lines exit with their usage/configuration code for it.
 */
public class SettingsException extends DataException {

    private static final long serialVersionUID = 1L;

    public SettingsException(DataLocation location, String reason) {
        super(location, reason);
    }
}
