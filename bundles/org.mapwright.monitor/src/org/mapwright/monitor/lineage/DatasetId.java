package org.mapwright.monitor.lineage;

import java.util.Objects;

/**
 * A dataset's identity in OpenLineage terms (see {@code LINEAGE-FORMAT.md} for the naming rules).
 *
 * @param namespace the data source, e.g. {@code file} or {@code postgres://db1:5432}
 * @param name      the dataset within it, e.g. {@code /data/customers.csv} or {@code sales.public.orders}
 * @param uri       a URI of the data source, e.g. {@code file:///data/customers.csv}
 */
public record DatasetId(String namespace, String name, String uri) {
    public DatasetId {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
    }
}
