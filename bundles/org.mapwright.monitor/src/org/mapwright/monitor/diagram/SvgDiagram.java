package org.mapwright.monitor.diagram;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import org.mapwright.monitor.diagram.MappingDiagramLayout.Box;
import org.mapwright.monitor.diagram.MappingDiagramLayout.Diagram;
import org.mapwright.monitor.diagram.MappingDiagramLayout.Line;
import org.mapwright.monitor.diagram.MappingDiagramLayout.Row;
import org.mapwright.monitor.lineage.Transformation;

/**
 * Draws a {@link MappingDiagramLayout.Diagram} as a standalone SVG document: plain elements with
 * inline attributes (no CSS, no scripts, no external references), coordinates rounded to one
 * decimal, LF line ends. Equal diagrams give equal bytes, so generated documentation diffs
 * cleanly. Direct lines are solid, indirect ones (lookup keys) dashed.
 */
public final class SvgDiagram {

    private static final String FONT = "DejaVu Sans Mono, Menlo, Consolas, monospace";

    private final MappingDiagramLayout layout;

    /** @param layout the layout whose metrics place the text */
    public SvgDiagram(MappingDiagramLayout layout) {
        this.layout = layout;
    }

    /** @return the SVG document, with XML declaration and a final newline */
    public String toSvg(Diagram d) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(d);
    }

    /** @return the {@code <svg>} element alone, for embedding in HTML */
    public String element(Diagram d) {
        StringBuilder b = new StringBuilder();
        double fontSize = layout.metrics().charWidth() / 0.6;
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(d.width())).append("\" height=\"").append(n(d.height()))
                .append("\" viewBox=\"0 0 ").append(n(d.width())).append(' ').append(n(d.height())).append("\" font-family=\"")
                .append(FONT).append("\" font-size=\"").append(n(fontSize)).append("\">\n");
        b.append("  <title>").append(escape("Mapping " + d.title())).append("</title>\n");
        b.append("  <rect width=\"").append(n(d.width())).append("\" height=\"").append(n(d.height())).append("\" fill=\"#ffffff\"/>\n");
        for (Box box : d.boxes()) {
            box(b, box, fontSize);
        }
        for (Line l : d.lines()) {
            double mid = (l.x1() + l.x2()) / 2;
            boolean direct = l.type() == Transformation.Type.DIRECT;
            b.append("  <path d=\"M ").append(n(l.x1())).append(' ').append(n(l.y1())).append(" C ").append(n(mid)).append(' ')
                    .append(n(l.y1())).append(' ').append(n(mid)).append(' ').append(n(l.y2())).append(' ').append(n(l.x2())).append(' ')
                    .append(n(l.y2())).append("\" fill=\"none\" stroke=\"").append(direct ? "#3465a4" : "#8a8a8a")
                    .append("\" stroke-width=\"1.2\"").append(direct ? "" : " stroke-dasharray=\"4 3\"").append("><title>")
                    .append(escape(l.subtype().toLowerCase(Locale.ROOT))).append("</title></path>\n");
            b.append("  <circle cx=\"").append(n(l.x1())).append("\" cy=\"").append(n(l.y1())).append("\" r=\"2.5\" fill=\"#3465a4\"/>\n");
            b.append("  <circle cx=\"").append(n(l.x2())).append("\" cy=\"").append(n(l.y2())).append("\" r=\"2.5\" fill=\"#3465a4\"/>\n");
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private void box(StringBuilder b, Box box, double fontSize) {
        double pad = layout.metrics().padding();
        double baseline = fontSize * 0.35;
        boolean target = box.side() == MappingDiagramLayout.Side.TARGET;
        b.append("  <g>\n");
        b.append("    <rect x=\"").append(n(box.x())).append("\" y=\"").append(n(box.y())).append("\" width=\"").append(n(box.width()))
                .append("\" height=\"").append(n(box.height())).append("\" rx=\"4\" fill=\"#f7f9fc\" stroke=\"#5b6b82\"/>\n");
        b.append("    <rect x=\"").append(n(box.x())).append("\" y=\"").append(n(box.y())).append("\" width=\"").append(n(box.width()))
                .append("\" height=\"").append(n(box.titleHeight())).append("\" rx=\"4\" fill=\"").append(target ? "#e3efd9" : "#dfe7f2")
                .append("\" stroke=\"#5b6b82\"/>\n");
        b.append("    <text x=\"").append(n(box.x() + pad)).append("\" y=\"").append(n(box.y() + box.titleHeight() / 2 + baseline))
                .append("\" font-weight=\"bold\">").append(escape(box.title())).append("</text>\n");
        for (Row r : box.rows()) {
            double y = r.centerY() + baseline;
            b.append("    <text x=\"").append(n(r.x() + layout.indent(r))).append("\" y=\"").append(n(y)).append("\">")
                    .append(escape(r.label())).append("</text>\n");
            b.append("    <text x=\"").append(n(r.x() + r.width() - pad)).append("\" y=\"").append(n(y))
                    .append("\" text-anchor=\"end\" fill=\"#6b7685\">").append(escape(r.type())).append("</text>\n");
        }
        b.append("  </g>\n");
    }

    static String n(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    b.append("&amp;");
                    break;
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                default:
                    if (c < 0x20 && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }
}
