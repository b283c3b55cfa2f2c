package org.mapwright.ui.wizards;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.ComboBoxCellEditor;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.mapwright.core.DataType;

/**
 * The type column of a wizard's fields table: clicking a cell offers the scalar types
 * ({@link DataType#SCALARS}, by id) in a read-only combo, and choosing one hands it to the page.
 *
 * @param <E> the viewer's elements (a field or a page's row of one)
 */
public final class TypeEditing<E> extends EditingSupport {

    private static final List<DataType> TYPES = DataType.SCALARS;

    private final ColumnViewer viewer;
    private final Class<E> elementType;
    private final Predicate<E> editable;
    private final Function<E, DataType> current;
    private final BiConsumer<E, DataType> choose;

    /**
     * @param elementType the class of the viewer's elements
     * @param editable    whether an element's type may be changed
     * @param current     an element's type now; a type not offered shows as the first one
     * @param choose      called with the element and the type the user chose
     */
    public TypeEditing(ColumnViewer viewer, Class<E> elementType, Predicate<E> editable, Function<E, DataType> current,
            BiConsumer<E, DataType> choose) {
        super(viewer);
        this.viewer = viewer;
        this.elementType = elementType;
        this.editable = editable;
        this.current = current;
        this.choose = choose;
    }

    @Override
    protected CellEditor getCellEditor(Object element) {
        return new ComboBoxCellEditor((Composite) viewer.getControl(), TYPES.stream().map(DataType::id).toArray(String[]::new), SWT.READ_ONLY);
    }

    @Override
    protected boolean canEdit(Object element) {
        return editable.test(elementType.cast(element));
    }

    @Override
    protected Object getValue(Object element) {
        return Math.max(0, TYPES.indexOf(current.apply(elementType.cast(element))));
    }

    @Override
    protected void setValue(Object element, Object value) {
        int i = (Integer) value;
        if (i >= 0) {
            choose.accept(elementType.cast(element), TYPES.get(i));
        }
    }
}
