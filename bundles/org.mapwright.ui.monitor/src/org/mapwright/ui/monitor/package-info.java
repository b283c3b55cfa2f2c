/**
 * Monitoring and maintenance views of the workbench, contributed by an e4 model fragment into the
 * bottom stack and the Window menu: {@link org.mapwright.ui.monitor.RunHistoryPart} (recorded
 * runs and their trends), {@link org.mapwright.ui.monitor.DriftPart} (schema drift, its impact,
 * and a rebase applied through the project's command stack) and
 * {@link org.mapwright.ui.monitor.CompareVersionsPart} (the open project beside another version).
 * The parts read the shared {@link org.mapwright.ui.model.WorkbenchSession} and load off the UI
 * thread.
 */
package org.mapwright.ui.monitor;
