package org.mapwright.internal.engine.run;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.expr.LookupResolver;

/**
 * A table behind {@code lookup(source, keyColumn, key, valueColumn)}: declared at compile time
 * (names checked against the project, no I/O), filled by each run or preview before rows flow.
 */
final class FunctionLookup implements LookupResolver.LookupTable {

    final SourceDef source;
    final int keyIndex;
    final int valueIndex;
    private final Field key;
    private final Field value;
    private volatile JoinTable data;

    FunctionLookup(SourceDef source, int keyIndex, int valueIndex) {
        this.source = source;
        this.keyIndex = keyIndex;
        this.valueIndex = valueIndex;
        this.key = source.schema().fields().get(keyIndex);
        this.value = source.schema().fields().get(valueIndex);
    }

    boolean sameAs(SourceDef s, int k, int v) {
        return s.id().equals(source.id()) && k == keyIndex && v == valueIndex;
    }

    /** @param newData key → {value} rows */
    void fill(JoinTable newData) {
        this.data = newData;
    }

    String describe() {
        return source.name() + "." + key.name() + " -> " + value.name();
    }

    @Override
    public DataType keyType() {
        return key.type();
    }

    @Override
    public DataType valueType() {
        return value.type();
    }

    @Override
    public Object get(Object k) {
        JoinTable d = data;
        if (d == null) {
            throw new IllegalStateException("lookup table " + describe() + " was not loaded before evaluation");
        }
        Object n = Keys.normalize(k);
        if (n == null) {
            return null;
        }
        Object[] row = d.get(n);
        return row == null ? null : row[0];
    }
}
