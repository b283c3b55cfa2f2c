/** The Databases view (browse schemas, tables, columns and rows; add a table as a source) and the Profile view. */
package org.mapwright.ui.sources.parts;
