/**
 * Target schemas imported from schema documents others already maintain:
 * {@link org.mapwright.core.schema.JsonSchemaImport} (JSON Schema, the common subset of drafts 07
 * and 2020-12) and {@link org.mapwright.core.schema.SqlDdlImport} ({@code CREATE TABLE} statements
 * of H2, PostgreSQL and MySQL). Both give a {@link org.mapwright.core.Schema} with fresh field ids;
 * pass it through {@link org.mapwright.core.infer.SchemaIds#carryOver} with the schema it replaces
 * so fields that keep their names keep their ids. Malformed or unsupported input raises
 * {@link org.mapwright.core.schema.SchemaImportException} naming file, line, column and reason.
 */
package org.mapwright.core.schema;
