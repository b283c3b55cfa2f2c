package org.mapwright.core.connector;

/**
 * Bad input or an unusable source/target: carries where and why. A {@link #recoverable()}
 * exception concerns one record only; the reader that threw it is positioned after that record
 * and can go on, so the engine may reject the record and continue.
 */
public class DataException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient DataLocation location;
    private final String reason;
    private final boolean recoverable;
    private final String rawText;

    public DataException(DataLocation location, String reason, boolean recoverable, String rawText, Throwable cause) {
        super((location == null ? "" : location + ": ") + reason, cause);
        this.location = location;
        this.reason = reason;
        this.recoverable = recoverable;
        this.rawText = rawText;
    }

    /** A fatal error (the source or target cannot be used further). */
    public DataException(DataLocation location, String reason, Throwable cause) {
        this(location, reason, false, null, cause);
    }

    /** A fatal error. */
    public DataException(DataLocation location, String reason) {
        this(location, reason, false, null, null);
    }

    /** A bad record the reader skipped; reading can continue. */
    public static DataException badRecord(DataLocation location, String reason, String rawText) {
        return new DataException(location, reason, true, rawText, null);
    }

    public DataLocation location() {
        return location;
    }

    /** @return the reason without the location, e.g. {@code "unclosed quote"} */
    public String reason() {
        return reason;
    }

    public boolean recoverable() {
        return recoverable;
    }

    /** @return the raw input text of the bad record if known, for the rejects output */
    public String rawText() {
        return rawText;
    }
}
