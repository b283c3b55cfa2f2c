package org.mapwright.connector.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;

/** Builds test workbooks with POI's user model and reads them with the connector. */
final class Fixtures {

    private Fixtures() {
    }

    /** Fills a sheet: each array is a row starting at column A; null leaves the cell blank. */
    static Sheet sheet(Workbook wb, String name, Object[]... rows) {
        Sheet sheet = wb.createSheet(name);
        CellStyle date = wb.createCellStyle();
        date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
        CellStyle timestamp = wb.createCellStyle();
        timestamp.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null) {
                continue;
            }
            Row row = sheet.createRow(r);
            for (int c = 0; c < rows[r].length; c++) {
                Object v = rows[r][c];
                if (v == null) {
                    continue;
                }
                Cell cell = row.createCell(c);
                if (v instanceof String s) {
                    cell.setCellValue(s);
                } else if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (v instanceof Boolean b) {
                    cell.setCellValue(b);
                } else if (v instanceof LocalDateTime t) {
                    cell.setCellValue(t);
                    cell.setCellStyle(timestamp);
                } else if (v instanceof LocalDate d) {
                    cell.setCellValue(d);
                    cell.setCellStyle(date);
                } else {
                    throw new IllegalArgumentException(v.getClass().getName());
                }
            }
        }
        return sheet;
    }

    static Path save(Workbook wb, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
        wb.close();
        return file;
    }

    /** Rewrites a zip, replacing the named entries' content. */
    static void patchZip(Path file, Map<String, String> replacements) throws IOException {
        List<Object[]> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.add(new Object[] {e.getName(), in.readAllBytes()});
            }
        }
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Object[] e : entries) {
                String name = (String) e[0];
                out.putNextEntry(new ZipEntry(name));
                String replacement = replacements.get(name);
                out.write(replacement != null ? replacement.getBytes(StandardCharsets.UTF_8) : (byte[]) e[1]);
                out.closeEntry();
            }
        }
    }

    /** @return the text of one zip entry */
    static String zipEntry(Path file, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IOException(name + " not in " + file);
    }

    static Inspection inspect(Path dir, Settings settings) throws DataException {
        return new ExcelConnector().inspect(ConnectorContext.of(dir), settings, InspectOptions.DEFAULTS, ProgressMonitor.NONE);
    }

    /** Inspects, then reads all records with the inspected settings and schema. */
    static List<Object[]> readAll(Path dir, Settings settings) throws DataException, IOException {
        Inspection inspection = inspect(dir, settings);
        return read(dir, inspection.settings(), inspection);
    }

    static List<Object[]> read(Path dir, Settings settings, Inspection inspection) throws DataException, IOException {
        List<Object[]> rows = new ArrayList<>();
        try (RecordReader reader = new ExcelConnector().open(ConnectorContext.of(dir), settings, inspection.schema())) {
            Object[] r;
            while ((r = reader.next()) != null) {
                rows.add(r.clone());
            }
        }
        return rows;
    }

    static Settings path(String path) {
        return Settings.empty().with("path", path);
    }
}
