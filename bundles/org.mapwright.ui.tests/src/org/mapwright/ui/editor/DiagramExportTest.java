package org.mapwright.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.monitor.diagram.MappingDiagramLayout;
import org.mapwright.ui.UiTest;

class DiagramExportTest {

    @TempDir
    Path temp;

    private UiTest ui;

    @BeforeEach
    void open() throws Exception {
        ui = UiTest.open(temp, "orders-project");
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @Test
    void writesTheSameSvgAsTheHeadlessRenderer() throws Exception {
        DiagramExport export = new DiagramExport(ui.session.engine());
        Path file = temp.resolve("orders.svg");
        export.write(ui.session.project(), "map_orders", DiagramExport.Format.of(file), file, ui.display);
        String svg = Files.readString(file);
        assertTrue(svg.startsWith("<?xml"), svg);
        assertTrue(svg.contains("<title>Mapping orders</title>"), svg);
        assertTrue(svg.contains(">customer_name<") && svg.contains(">order_id<"), "target and source rows are drawn");
        assertTrue(svg.contains("<path d=\"M "), "mapping lines are drawn");
        assertEquals(svg, export.svg(ui.session.project(), "map_orders"), "the file is the renderer's document");
    }

    @Test
    void writesAPngOfTheLaidOutSizeWithTheBoxesPainted() throws Exception {
        DiagramExport export = new DiagramExport(ui.session.engine());
        Path file = temp.resolve("orders.png");
        export.write(ui.session.project(), "map_orders", DiagramExport.Format.of(file), file, ui.display);
        ImageData data = new ImageLoader().load(file.toString())[0];
        MappingDiagramLayout.Diagram d = export.diagram(ui.session.project(), "map_orders");
        assertEquals((int) Math.ceil(d.width()), data.width);
        assertEquals((int) Math.ceil(d.height()), data.height);
        MappingDiagramLayout.Box target = d.boxes().get(d.boxes().size() - 1);
        int titleX = (int) target.x() + 3;
        int titleY = (int) target.y() + 3;
        org.eclipse.swt.graphics.RGB title = data.palette.getRGB(data.getPixel(titleX, titleY));
        assertEquals(new org.eclipse.swt.graphics.RGB(0xe3, 0xef, 0xd9), title, "the target box's title bar is painted");
        int nonWhite = 0;
        for (int y = 0; y < data.height; y += 2) {
            for (int x = 0; x < data.width; x += 2) {
                org.eclipse.swt.graphics.RGB rgb = data.palette.getRGB(data.getPixel(x, y));
                if (rgb.red < 200 && rgb.green < 200) {
                    nonWhite++;
                }
            }
        }
        assertTrue(nonWhite > 200, "text and lines are drawn: " + nonWhite);
    }
}
