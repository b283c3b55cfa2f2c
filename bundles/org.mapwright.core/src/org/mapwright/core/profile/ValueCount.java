package org.mapwright.core.profile;

/**
 * A frequent value.
 *
 * @param value the value in canonical text form (cut to {@link ProfileOptions#maxValueChars()})
 * @param count how often it occurred; may overestimate by at most {@code error}
 * @param error 0 when the count is exact
 */
public record ValueCount(String value, long count, long error) {
}
