package org.mapwright.internal.engine.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.mapwright.core.Field;
import org.mapwright.core.io.OutputFiles;
import org.mapwright.core.value.Values;
import org.mapwright.engine.Reject;

/**
 * The rejects CSV of one mapping, written like every other output: rows go to a temporary file
 * beside the target, {@link #commit()} renames it into place atomically, {@link #discard()}
 * deletes it. The temporary file is only created when the first row is rejected.
 *
 * <p>Format: UTF-8, LF line ends, header {@code record,file,line,field,rule,reason,raw}, fields
 * quoted (RFC 4180) when they contain a comma, quote, CR or LF or begin/end with a space. A text
 * cell that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR and
 * not a number) is prefixed with a single quote, because rejects hold exactly the hostile input
 * an analyst then opens in a spreadsheet.
 */
public final class RejectsFile {

    static final String HEADER = "record,file,line,field,rule,reason,raw";

    private final Path target;
    private Path temp;
    private Writer out;
    private long rows;

    /** @param target the final file, e.g. {@code out/rejects/customers.rejects.csv} */
    public RejectsFile(Path target) {
        this.target = target.toAbsolutePath().normalize();
    }

    public Path target() {
        return target;
    }

    /** @return rows written so far */
    public long rows() {
        return rows;
    }

    public void write(Reject r) throws IOException {
        if (out == null) {
            Files.createDirectories(target.getParent());
            temp = OutputFiles.createTemp(target);
            out = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8), 1 << 16);
            out.write(HEADER);
            out.write('\n');
        }
        out.write(r.record() < 0 ? "" : Long.toString(r.record()));
        out.write(',');
        cell(r.file());
        out.write(',');
        out.write(r.line() < 0 ? "" : Long.toString(r.line()));
        out.write(',');
        cell(r.field());
        out.write(',');
        cell(r.rule());
        out.write(',');
        cell(r.reason());
        out.write(',');
        cell(r.raw());
        out.write('\n');
        rows++;
    }

    /**
     * Publishes the file. With no rejected row, a rejects file left by an earlier run is removed so
     * the folder always describes the last run.
     */
    public void commit() throws IOException {
        if (out == null) {
            Files.deleteIfExists(target);
            return;
        }
        out.close();
        out = null;
        OutputFiles.keepPermissions(target, temp);
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        temp = null;
    }

    /** Deletes the temporary file; idempotent and silent, as it runs on failure paths. */
    public void discard() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            // the file is deleted next; a failing close changes nothing for the user
        }
        out = null;
        try {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // a leftover hidden temp file is harmless and is overwritten by no one
        }
        temp = null;
    }

    private void cell(String s) throws IOException {
        if (s == null || s.isEmpty()) {
            return;
        }
        String v = neutralise(s);
        if (needsQuotes(v)) {
            out.write('"');
            out.write(v.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(v);
        }
    }

    static String neutralise(String s) {
        char c = s.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            if (!isNumber(s)) {
                return "'" + s;
            }
        }
        return s;
    }

    private static boolean isNumber(String s) {
        try {
            new java.math.BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean needsQuotes(String s) {
        if (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * @return values joined as one CSV line (same quoting), for rows the reader gave no raw text
     *         for; nested records and lists are written as compact JSON with the fields' names
     */
    public static String joinCsv(Object[] values, List<Field> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            Field f = i < fields.size() ? fields.get(i) : null;
            Object v = values[i];
            String text = v instanceof Object[] || v instanceof List ? json(v, f) : Values.format(v);
            if (!text.isEmpty() && needsQuotes(text)) {
                b.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                b.append(text);
            }
        }
        return b.toString();
    }

    private static String json(Object v, Field f) {
        StringBuilder b = new StringBuilder();
        json(b, v, f, false);
        return b.toString();
    }

    private static void json(StringBuilder b, Object v, Field f, boolean element) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof List<?> list && (element || f == null || f.repeated())) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                json(b, list.get(i), f, true);
            }
            b.append(']');
        } else if (v instanceof Object[] rec) {
            List<Field> children = f == null ? List.of() : f.children();
            b.append('{');
            for (int i = 0; i < rec.length; i++) {
                if (i > 0) {
                    b.append(',');
                }
                Field c = i < children.size() ? children.get(i) : null;
                jsonString(b, c == null ? "field" + (i + 1) : c.name());
                b.append(':');
                json(b, rec[i], c, false);
            }
            b.append('}');
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(Values.format(v));
        } else {
            jsonString(b, Values.format(v));
        }
    }

    private static void jsonString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
