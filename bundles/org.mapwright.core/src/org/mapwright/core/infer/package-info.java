/**
 * Type inference from samples of text values (CSV cells, text cells of spreadsheets, JSON
 * strings): {@link org.mapwright.core.infer.ColumnInferrer} for one column,
 * {@link org.mapwright.core.infer.SchemaInferrer} for a table, {@link org.mapwright.core.infer.ColumnNames}
 * for turning raw header cells into unique field names.
 */
package org.mapwright.core.infer;
