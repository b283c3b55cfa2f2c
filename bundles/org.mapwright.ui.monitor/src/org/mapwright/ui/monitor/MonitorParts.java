package org.mapwright.ui.monitor;

/** Element ids of the monitoring views in the application model (see {@code fragment.e4xmi}). */
public final class MonitorParts {

    public static final String HISTORY = "org.mapwright.ui.monitor.part.history";
    public static final String DRIFT = "org.mapwright.ui.monitor.part.drift";
    public static final String COMPARE = "org.mapwright.ui.monitor.part.compare";

    private MonitorParts() {
    }
}
