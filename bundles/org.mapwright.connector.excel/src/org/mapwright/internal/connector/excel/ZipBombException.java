package org.mapwright.internal.connector.excel;

import java.io.IOException;

/** An .xlsx entry expands beyond the {@link ZipLimits}; reading stops before memory or disk fill up. */
public final class ZipBombException extends IOException {

    private static final long serialVersionUID = 1L;

    public ZipBombException(String message) {
        super(message);
    }
}
