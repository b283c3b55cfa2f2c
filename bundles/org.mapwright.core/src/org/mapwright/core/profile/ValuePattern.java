package org.mapwright.core.profile;

/** Shapes of text values the profiler counts. */
public enum ValuePattern {
    /** {@code local@domain.tld} without spaces. */
    EMAIL,
    /** {@code http://}, {@code https://} or {@code ftp://} followed by a host. */
    URL,
    /** 7 to 15 digits with optional leading {@code +}, spaces, dots, dashes, slashes and parentheses. */
    PHONE,
    /** {@code yyyy-MM-dd}, optionally followed by a time. */
    ISO_DATE
}
