package org.mapwright.core.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The connectors a host offers, looked up by kind. Built once by the host's composition root. */
public final class ConnectorRegistry {

    private final Map<String, SourceConnector> sources = new LinkedHashMap<>();
    private final Map<String, TargetConnector> targets = new LinkedHashMap<>();

    public ConnectorRegistry(List<SourceConnector> sourceConnectors, List<TargetConnector> targetConnectors) {
        sourceConnectors.forEach(c -> sources.put(c.kind(), c));
        targetConnectors.forEach(c -> targets.put(c.kind(), c));
    }

    /** @throws IllegalArgumentException naming the known kinds */
    public SourceConnector source(String kind) {
        SourceConnector c = sources.get(kind);
        if (c == null) {
            throw new IllegalArgumentException("unknown source connector '" + kind + "' (known: " + String.join(", ", sources.keySet()) + ")");
        }
        return c;
    }

    /** @throws IllegalArgumentException naming the known kinds */
    public TargetConnector target(String kind) {
        TargetConnector c = targets.get(kind);
        if (c == null) {
            throw new IllegalArgumentException("unknown output connector '" + kind + "' (known: " + String.join(", ", targets.keySet()) + ")");
        }
        return c;
    }

    public List<String> sourceKinds() {
        return List.copyOf(sources.keySet());
    }

    public List<String> targetKinds() {
        return List.copyOf(targets.keySet());
    }
}
