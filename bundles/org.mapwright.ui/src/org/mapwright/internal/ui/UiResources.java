package org.mapwright.internal.ui;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.mapwright.core.DataType;

/**
 * Colours, fonts and icons of the workbench, drawn in code so every type badge looks the same in
 * the explorer, the mapping canvas and the wizards. Images and fonts are created lazily and
 * disposed with the display. UI thread only.
 */
public final class UiResources {

    /** Icons that are not type badges. */
    public enum Icon {
        PROJECT, SOURCE, LOOKUP, MAPPING, TARGET, FOLDER, KEY, ERROR, WARNING, OK, APP
    }

    /** Badge colours per type, shared with the canvas. */
    private static final Map<DataType, RGB> TYPE_RGB = new EnumMap<>(Map.of(
            DataType.TEXT, new RGB(46, 125, 50), DataType.INTEGER, new RGB(21, 101, 192), DataType.DECIMAL, new RGB(2, 119, 189),
            DataType.BOOLEAN, new RGB(106, 27, 154), DataType.DATE, new RGB(230, 108, 0), DataType.TIMESTAMP, new RGB(191, 54, 12),
            DataType.RECORD, new RGB(93, 64, 55), DataType.ANY, new RGB(117, 117, 117)));

    private static final Map<DataType, String> TYPE_LABEL = new EnumMap<>(Map.of(
            DataType.TEXT, "abc", DataType.INTEGER, "123", DataType.DECIMAL, "1.5", DataType.BOOLEAN, "y/n",
            DataType.DATE, "date", DataType.TIMESTAMP, "time", DataType.RECORD, "{ }", DataType.ANY, "any"));

    private final Display display;
    private final Map<Object, Image> images = new HashMap<>();
    private Font bold;
    private Font small;
    private Font italic;
    private Font mono;

    public UiResources(Display display) {
        this.display = display;
        display.disposeExec(this::dispose);
    }

    public Display display() {
        return display;
    }

    /** @return the badge colour of a type */
    public Color typeColor(DataType type) {
        return new Color(TYPE_RGB.get(type));
    }

    /** @return the short badge text of a type, e.g. {@code "123"} */
    public static String typeLabel(DataType type) {
        return TYPE_LABEL.get(type);
    }

    public Color rgb(int r, int g, int b) {
        return new Color(r, g, b);
    }

    public Font bold() {
        if (bold == null) {
            bold = derive(SWT.BOLD, 0);
        }
        return bold;
    }

    public Font italic() {
        if (italic == null) {
            italic = derive(SWT.ITALIC, 0);
        }
        return italic;
    }

    public Font small() {
        if (small == null) {
            small = derive(SWT.BOLD, -2);
        }
        return small;
    }

    /** @return a fixed-width font for expressions and data */
    public Font mono() {
        if (mono == null) {
            FontData base = display.getSystemFont().getFontData()[0];
            mono = new Font(display, "Monospace", base.getHeight(), SWT.NORMAL);
        }
        return mono;
    }

    private Font derive(int style, int delta) {
        FontData[] data = display.getSystemFont().getFontData();
        for (FontData d : data) {
            d.setStyle(style);
            d.setHeight(Math.max(6, d.getHeight() + delta));
        }
        return new Font(display, data);
    }

    /** @return a 16×16 badge for a field type */
    public Image typeIcon(DataType type) {
        return images.computeIfAbsent(type, t -> paint(gc -> {
            gc.setBackground(typeColor(type));
            gc.fillRoundRectangle(0, 2, 16, 12, 4, 4);
            gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
            gc.setFont(small());
            String label = switch (type) {
                case TEXT -> "T";
                case INTEGER -> "12";
                case DECIMAL -> ".5";
                case BOOLEAN -> "TF";
                case DATE -> "D";
                case TIMESTAMP -> "DT";
                case RECORD -> "{}";
                case ANY -> "?";
            };
            Point e = gc.textExtent(label);
            gc.drawText(label, (16 - e.x) / 2, 2 + (12 - e.y) / 2, true);
        }));
    }

    /** @return a 16×16 icon */
    public Image icon(Icon icon) {
        return images.computeIfAbsent(icon, i -> paint(gc -> draw(gc, icon)));
    }

    private void draw(GC gc, Icon icon) {
        switch (icon) {
            case PROJECT, FOLDER -> {
                gc.setBackground(rgb(icon == Icon.PROJECT ? 66 : 200, icon == Icon.PROJECT ? 133 : 160, icon == Icon.PROJECT ? 244 : 60));
                gc.fillRoundRectangle(1, 3, 7, 4, 2, 2);
                gc.fillRoundRectangle(1, 5, 14, 9, 2, 2);
            }
            case SOURCE, LOOKUP -> {
                gc.setBackground(icon == Icon.SOURCE ? rgb(38, 120, 178) : rgb(120, 144, 156));
                gc.fillRectangle(3, 4, 10, 9);
                gc.fillOval(3, 10, 10, 5);
                gc.setBackground(icon == Icon.SOURCE ? rgb(120, 180, 225) : rgb(176, 190, 197));
                gc.fillOval(3, 1, 10, 5);
            }
            case MAPPING -> {
                gc.setForeground(rgb(142, 68, 173));
                gc.setLineWidth(2);
                gc.drawLine(2, 4, 13, 4);
                gc.drawLine(2, 11, 13, 11);
                gc.drawLine(9, 1, 13, 4);
                gc.drawLine(9, 14, 13, 11);
            }
            case TARGET -> {
                gc.setBackground(rgb(0, 137, 123));
                gc.fillRectangle(2, 2, 12, 12);
                gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
                gc.fillRectangle(4, 5, 8, 2);
                gc.fillRectangle(4, 9, 8, 2);
            }
            case KEY -> {
                gc.setBackground(rgb(218, 165, 32));
                gc.fillOval(1, 4, 7, 7);
                gc.fillRectangle(7, 6, 8, 3);
                gc.fillRectangle(12, 8, 2, 4);
            }
            case ERROR -> {
                gc.setBackground(rgb(211, 47, 47));
                gc.fillOval(1, 1, 14, 14);
                gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
                gc.setLineWidth(2);
                gc.drawLine(5, 5, 10, 10);
                gc.drawLine(10, 5, 5, 10);
            }
            case WARNING -> {
                gc.setBackground(rgb(245, 166, 35));
                gc.fillPolygon(new int[] {8, 1, 15, 14, 1, 14});
                gc.setForeground(display.getSystemColor(SWT.COLOR_BLACK));
                gc.drawLine(8, 5, 8, 9);
                gc.drawPoint(8, 12);
            }
            case OK -> {
                gc.setForeground(rgb(56, 142, 60));
                gc.setLineWidth(2);
                gc.drawLine(2, 8, 6, 12);
                gc.drawLine(6, 12, 14, 3);
            }
            case APP -> {
                gc.setBackground(rgb(38, 120, 178));
                gc.fillRoundRectangle(0, 0, 16, 16, 5, 5);
                gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
                gc.setLineWidth(2);
                gc.drawLine(3, 4, 12, 11);
                gc.drawLine(3, 11, 12, 4);
            }
        }
    }

    private Image paint(java.util.function.Consumer<GC> painter) {
        // Transparent background: paint on a fully transparent image through an alpha-aware GC.
        ImageData data = new ImageData(16, 16, 32, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        data.alphaData = new byte[16 * 16];
        Image image = new Image(display, data);
        GC gc = new GC(image);
        try {
            gc.setAntialias(SWT.ON);
            gc.setTextAntialias(SWT.ON);
            painter.accept(gc);
        } finally {
            gc.dispose();
        }
        return image;
    }

    private void dispose() {
        images.values().forEach(Image::dispose);
        images.clear();
        for (Font f : new Font[] {bold, small, italic, mono}) {
            if (f != null) {
                f.dispose();
            }
        }
    }
}
