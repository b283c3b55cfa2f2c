/** Helpers of the sources UI: background jobs, preview rows and tables, the project's database connections. */
package org.mapwright.internal.ui.sources;
