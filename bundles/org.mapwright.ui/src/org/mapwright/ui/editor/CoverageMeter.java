package org.mapwright.ui.editor;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.model.MappingModel;

/**
 * A small bar showing how much of the target schema is mapped, and whether every required
 * (not nullable) field is.
 */
public final class CoverageMeter extends Canvas {

    private final UiResources res;
    private MappingModel.Coverage coverage;

    public CoverageMeter(Composite parent, UiResources res) {
        super(parent, SWT.DOUBLE_BUFFERED);
        this.res = res;
        addListener(SWT.Paint, e -> paint(e.gc));
    }

    /** @param c the coverage to show, or null for none */
    public void setCoverage(MappingModel.Coverage c) {
        coverage = c;
        setToolTipText(c == null ? null
                : c.mapped() + " of " + c.fields() + " target fields are mapped; " + c.requiredMapped() + " of " + c.required()
                        + " required fields.");
        redraw();
    }

    /** @return the text shown, e.g. {@code "7/9 mapped · required 2/2"} */
    public String label() {
        return coverage == null ? "" : coverage.mapped() + "/" + coverage.fields() + " mapped · required " + coverage.requiredMapped() + "/"
                + coverage.required();
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        GC gc = new GC(this);
        Point e = gc.textExtent(coverage == null ? "0/0 mapped · required 0/0" : label());
        gc.dispose();
        return new Point(wHint == SWT.DEFAULT ? e.x + 16 : wHint, hHint == SWT.DEFAULT ? e.y + 8 : hHint);
    }

    private void paint(GC gc) {
        Rectangle a = getClientArea();
        gc.setAntialias(SWT.ON);
        gc.setBackground(getParent().getBackground());
        gc.fillRectangle(a);
        if (coverage == null) {
            return;
        }
        int w = a.width - 2;
        int h = a.height - 2;
        gc.setBackground(res.rgb(230, 233, 237));
        gc.fillRoundRectangle(1, 1, w, h, 6, 6);
        double ratio = coverage.fields() == 0 ? 0 : (double) coverage.mapped() / coverage.fields();
        boolean requiredDone = coverage.requiredMapped() == coverage.required();
        gc.setBackground(requiredDone ? res.rgb(165, 214, 167) : res.rgb(255, 204, 128));
        int fill = (int) Math.round(w * ratio);
        if (fill > 0) {
            gc.fillRoundRectangle(1, 1, fill, h, 6, 6);
        }
        gc.setForeground(res.rgb(33, 37, 41));
        String text = label();
        Point e = gc.textExtent(text);
        gc.drawText(text, (a.width - e.x) / 2, (a.height - e.y) / 2, true);
    }
}
