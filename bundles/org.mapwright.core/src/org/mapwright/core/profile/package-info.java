/**
 * One-pass, bounded-memory profiling of typed records: {@link org.mapwright.core.profile.Profiler}
 * and its plain result records.
 */
package org.mapwright.core.profile;
