package org.mapwright.ui.editor;

import org.mapwright.core.Field;

/**
 * One row of the mapping diagram: a source or target header, or a field. Positions are in
 * content coordinates (before scrolling).
 *
 * @param side       which column
 * @param sourceId   the source of a source-side row, null on the target side
 * @param field      the field, null for a header
 * @param depth      nesting depth of a field (0 for top level)
 * @param expandable whether it has children (a source or target header, a record field)
 * @param expanded   whether its children are shown
 * @param x          left edge
 * @param y          top edge
 * @param width      width
 * @param height     height
 */
public record DiagramRow(Side side, String sourceId, Field field, int depth, boolean expandable, boolean expanded,
        int x, int y, int width, int height) {

    /** The two columns of the diagram. */
    public enum Side {
        SOURCE, TARGET
    }

    public boolean header() {
        return field == null;
    }

    /** @return the vertical centre, where lines attach */
    public int centerY() {
        return y + height / 2;
    }

    public boolean contains(int px, int py) {
        return px >= x && px < x + width && py >= y && py < y + height;
    }

    /** @return the key of the element this row shows, stable across layouts */
    public String key() {
        if (side == Side.TARGET) {
            return field == null ? "T" : "T:" + field.id();
        }
        return field == null ? "S:" + sourceId : "S:" + sourceId + ":" + field.id();
    }

    static String sourceKey(String sourceId, String fieldId) {
        return "S:" + sourceId + ":" + fieldId;
    }

    static String targetKey(String fieldId) {
        return "T:" + fieldId;
    }
}
