/**
 * Schema drift and git-native project maintenance.
 *
 * <ul>
 * <li>{@link org.mapwright.drift.SchemaDiffer} compares the structure a source was mapped against
 *     with a fresh inspection: added, removed, renamed and moved fields (with confidence and
 *     reasons), retyped fields (whether the change widens and whether the stored type still reads
 *     the data), nullability and key changes.</li>
 * <li>{@link org.mapwright.drift.DriftAnalyzer} finds what the drift breaks by compiling the
 *     project with the new structures, proposes re-binding renames and moves, and rebases the
 *     project on the proposals a caller accepts.</li>
 * <li>{@link org.mapwright.drift.DriftGate} enforces each source's
 *     {@link org.mapwright.drift.DriftPolicy contract} ({@code onDrift} setting) before a run.</li>
 * <li>{@link org.mapwright.drift.ProjectDiffer} compares two versions of a project by meaning.</li>
 * <li>{@link org.mapwright.drift.DriftReportWriter} renders all of these as text and JSON.</li>
 * </ul>
 */
package org.mapwright.drift;
