package org.mapwright.core.io;

import java.io.IOException;

/** A project file that cannot be read: names the file and the JSON path of the problem. */
public class ProjectFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public ProjectFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProjectFormatException(String message) {
        super(message);
    }
}
