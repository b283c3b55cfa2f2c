/**
 * Add-source wizards for JSON, Excel and JDBC sources. Each reads in cancellable jobs, previews
 * live, ends with the inferred fields, and adds the source as one undoable command.
 */
package org.mapwright.ui.sources.wizards;
