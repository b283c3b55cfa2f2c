package org.mapwright.core.profile;

import java.util.List;

/**
 * Statistics of a stream of records.
 *
 * @param records  records profiled
 * @param rejected bad records the reader skipped
 * @param fields   one profile per top-level field, in schema order
 */
public record Profile(long records, long rejected, List<FieldProfile> fields) {
    public Profile {
        fields = List.copyOf(fields);
    }
}
