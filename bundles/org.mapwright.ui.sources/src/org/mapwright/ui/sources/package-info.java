/**
 * Sources in the workbench beyond CSV: add-source wizards for JSON, Excel and databases, the
 * database browser and profile views, and the {@link org.mapwright.ui.sources.SecureCredentialStore}
 * that keeps database passwords in Eclipse secure storage. Everything joins the application
 * model through this bundle's {@code fragment.e4xmi}; {@link org.mapwright.ui.sources.SourcesUi}
 * names the contributed element ids.
 */
package org.mapwright.ui.sources;
