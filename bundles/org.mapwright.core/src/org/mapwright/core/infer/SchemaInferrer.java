package org.mapwright.core.infer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.FieldEvidence;

/**
 * Infers a flat schema from rows of a table, one {@link ColumnInferrer} per column. Not
 * thread-safe.
 *
 * <p>Field ids: when the caller passes the schema from an earlier inspection, columns keep the ids
 * of earlier fields of the same name as described in {@link SchemaIds}; other columns get fresh
 * ids from {@link Ids}.
 */
public final class SchemaInferrer {

    private final List<String> names;
    private final ColumnInferrer[] columns;

    /**
     * @param columnNames the columns in order; normalized with {@link ColumnNames#normalize}
     */
    public SchemaInferrer(List<String> columnNames, InferenceOptions options) {
        this.names = ColumnNames.normalize(columnNames);
        this.columns = new ColumnInferrer[names.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new ColumnInferrer(options);
        }
    }

    /** @return the field names in column order (after normalization) */
    public List<String> names() {
        return names;
    }

    /** Adds one text value of column {@code column} (0-based); null and blank count as null. */
    public void accept(int column, String text) {
        columns[column].accept(text);
    }

    /**
     * Adds one row; values beyond the known columns are ignored and missing ones count as null.
     * Elements may be text or already typed values (see {@link ColumnInferrer#acceptValue}).
     */
    public void acceptRow(Object[] row) {
        int n = Math.min(row.length, columns.length);
        for (int i = 0; i < n; i++) {
            columns[i].acceptValue(row[i]);
        }
        for (int i = n; i < columns.length; i++) {
            columns[i].accept(null);
        }
    }

    /**
     * @param previous the schema of an earlier inspection of the same source, or null
     * @param ids      source of fresh field ids
     * @param complete whether every row was seen (see {@link ColumnInferrer#result(boolean)})
     */
    public InferredSchema finish(Schema previous, Ids ids, boolean complete) {
        Set<String> taken = new HashSet<>();
        if (previous != null) {
            for (Field f : previous.allFields()) {
                taken.add(f.id());
            }
        }
        List<Field> fields = new ArrayList<>(columns.length);
        List<ColumnInference> results = new ArrayList<>(columns.length);
        for (int i = 0; i < columns.length; i++) {
            ColumnInference r = columns[i].result(complete);
            results.add(r);
            String id = ids.nextUnique("f", taken);
            taken.add(id);
            fields.add(r.toField(id, names.get(i)));
        }
        Map<String, String> renamed = new HashMap<>();
        Schema schema = SchemaIds.apply(Schema.of(fields), previous, ids, renamed);
        Map<String, FieldEvidence> evidence = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i++) {
            String id = schema.fields().get(i).id();
            evidence.put(id, results.get(i).evidence(id));
        }
        return new InferredSchema(schema, evidence, results);
    }
}
