package org.mapwright.ui.editor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.engine.MappingEngine;
import org.mapwright.monitor.diagram.MappingDiagramLayout;
import org.mapwright.monitor.diagram.MappingDiagramLayout.Box;
import org.mapwright.monitor.diagram.MappingDiagramLayout.Diagram;
import org.mapwright.monitor.diagram.MappingDiagramLayout.Line;
import org.mapwright.monitor.diagram.MappingDiagramLayout.Row;
import org.mapwright.monitor.diagram.SvgDiagram;
import org.mapwright.monitor.lineage.LineageAnalyzer;
import org.mapwright.monitor.lineage.Transformation;

/**
 * Exports a mapping's diagram for documentation with the headless renderer of
 * {@code org.mapwright.monitor} ({@link MappingDiagramLayout}, the layout {@code mapwright docs}
 * uses): SVG exactly as the command line writes it, PNG by painting the same layout (boxes, rows,
 * curves) on an SWT image, so both formats show the same picture.
 */
public final class DiagramExport {

    /** File formats of an export. */
    public enum Format {
        SVG("svg"), PNG("png");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        /** @return the format a file name's extension names, SVG unless it ends with {@code .png} */
        public static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            return name.endsWith(".png") ? PNG : SVG;
        }
    }

    private final MappingDiagramLayout layout = new MappingDiagramLayout();
    private final LineageAnalyzer lineage;

    public DiagramExport(MappingEngine engine) {
        this.lineage = new LineageAnalyzer(engine);
    }

    /** @return the laid-out diagram of one mapping of the project */
    public Diagram diagram(Project project, String mappingId) {
        MappingDef m = project.mapping(mappingId).orElseThrow(() -> new IllegalArgumentException("no mapping '" + mappingId + "'"));
        return layout.layout(lineage.analyze(project, m));
    }

    /** @return the SVG document of the mapping's diagram */
    public String svg(Project project, String mappingId) {
        return new SvgDiagram(layout).toSvg(diagram(project, mappingId));
    }

    /**
     * Writes the diagram to a file in the given format.
     *
     * @param display needed for PNG (UI thread); unused for SVG
     */
    public void write(Project project, String mappingId, Format format, Path file, Display display) throws IOException {
        if (format == Format.SVG) {
            Files.writeString(file, svg(project, mappingId), StandardCharsets.UTF_8);
            return;
        }
        ImageData data = paint(display, diagram(project, mappingId));
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        try {
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } catch (org.eclipse.swt.SWTException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Paints the layout on an image of its size and returns its pixels. Must run on the UI thread. */
    public ImageData paint(Display display, Diagram d) {
        int w = (int) Math.ceil(d.width());
        int h = (int) Math.ceil(d.height());
        Image image = new Image(display, Math.max(1, w), Math.max(1, h));
        GC gc = new GC(image);
        Font mono = new Font(display, new FontData("Monospace", 9, SWT.NORMAL));
        Font bold = new Font(display, new FontData("Monospace", 9, SWT.BOLD));
        Color white = new Color(255, 255, 255);
        Color boxFill = new Color(0xf7, 0xf9, 0xfc);
        Color border = new Color(0x5b, 0x6b, 0x82);
        Color sourceTitle = new Color(0xdf, 0xe7, 0xf2);
        Color targetTitle = new Color(0xe3, 0xef, 0xd9);
        Color typeText = new Color(0x6b, 0x76, 0x85);
        Color direct = new Color(0x34, 0x65, 0xa4);
        Color indirect = new Color(0x8a, 0x8a, 0x8a);
        Color text = new Color(0x20, 0x20, 0x20);
        try {
            gc.setAntialias(SWT.ON);
            gc.setTextAntialias(SWT.ON);
            gc.setBackground(white);
            gc.fillRectangle(0, 0, w, h);
            double pad = layout.metrics().padding();
            for (Box box : d.boxes()) {
                int x = (int) box.x();
                int y = (int) box.y();
                gc.setBackground(boxFill);
                gc.fillRoundRectangle(x, y, (int) box.width(), (int) box.height(), 8, 8);
                gc.setBackground(box.side() == MappingDiagramLayout.Side.TARGET ? targetTitle : sourceTitle);
                gc.fillRoundRectangle(x, y, (int) box.width(), (int) box.titleHeight(), 8, 8);
                gc.setForeground(border);
                gc.drawRoundRectangle(x, y, (int) box.width(), (int) box.height(), 8, 8);
                gc.drawLine(x, y + (int) box.titleHeight(), x + (int) box.width(), y + (int) box.titleHeight());
                gc.setFont(bold);
                gc.setForeground(text);
                Point tt = gc.textExtent(box.title());
                gc.drawText(box.title(), x + (int) pad, y + ((int) box.titleHeight() - tt.y) / 2, true);
                gc.setFont(mono);
                for (Row r : box.rows()) {
                    Point ext = gc.textExtent(r.label());
                    int ty = (int) (r.centerY() - ext.y / 2.0);
                    gc.setForeground(text);
                    gc.drawText(r.label(), (int) (r.x() + layout.indent(r)), ty, true);
                    Point te = gc.textExtent(r.type());
                    gc.setForeground(typeText);
                    gc.drawText(r.type(), (int) (r.x() + r.width() - pad - te.x), ty, true);
                }
            }
            for (Line l : d.lines()) {
                boolean isDirect = l.type() == Transformation.Type.DIRECT;
                gc.setForeground(isDirect ? direct : indirect);
                gc.setLineStyle(isDirect ? SWT.LINE_SOLID : SWT.LINE_DASH);
                gc.setLineWidth(1);
                org.eclipse.swt.graphics.Path path = new org.eclipse.swt.graphics.Path(display);
                float mid = (float) ((l.x1() + l.x2()) / 2);
                path.moveTo((float) l.x1(), (float) l.y1());
                path.cubicTo(mid, (float) l.y1(), mid, (float) l.y2(), (float) l.x2(), (float) l.y2());
                gc.drawPath(path);
                path.dispose();
                gc.setLineStyle(SWT.LINE_SOLID);
                gc.setBackground(direct);
                gc.fillOval((int) l.x1() - 2, (int) l.y1() - 2, 5, 5);
                gc.fillOval((int) l.x2() - 2, (int) l.y2() - 2, 5, 5);
            }
            return image.getImageData();
        } finally {
            gc.dispose();
            image.dispose();
            mono.dispose();
            bold.dispose();
        }
    }
}
