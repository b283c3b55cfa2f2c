package org.mapwright.internal.connector.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;

import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.RecordWriter;
import org.mapwright.core.io.OutputFiles;
import org.mapwright.core.value.FormulaText;
import org.mapwright.core.value.Values;

/**
 * Writes rows as CSV into a hidden temporary file beside the target; {@link #commit()} syncs it to
 * disk and renames it over the target, {@link #close()} without commit deletes it.
 *
 * <p>Values print as {@link Values#format}; null prints as the null text (default empty, never
 * quoted), so an empty string is written quoted ({@code ""}) and reads back as empty text, not
 * null. A value is quoted only when it must be: empty, equal to the null text, containing the
 * delimiter, quote, escape or a line break, or starting or ending with whitespace. Quotes inside
 * are doubled (or escaped when an escape character is set).
 */
public final class CsvRecordWriter implements RecordWriter {

    private final Path target;
    private final String label;
    private final Path temp;
    private final FileChannel channel;
    private final Writer out;
    private final CharsetEncoder checker;
    private final char delimiter;
    private final Character quote;
    private final Character escape;
    private final String nullText;
    private final String lineSeparator;
    private final boolean neutralize;
    private final List<Field> fields;
    private final StringBuilder line = new StringBuilder(256);
    /** Per ASCII char: true when a value containing it must be quoted. */
    private final boolean[] special = new boolean[128];
    /** Whether the delimiter, quote or escape is outside ASCII (the table above cannot tell). */
    private final boolean specialBeyondAscii;
    private char[] chars = new char[256];
    private long rows;
    private boolean committed;
    private boolean closed;

    /**
     * @throws DataException if the folder cannot be created or written
     */
    public CsvRecordWriter(Path target, String label, CsvSettings settings, Schema schema) throws DataException {
        this.target = target.toAbsolutePath();
        this.label = label;
        Charset charset = settings.encoding() == null ? StandardCharsets.UTF_8 : settings.encoding();
        this.delimiter = settings.delimiter() == null ? ',' : settings.delimiter();
        this.quote = settings.quoteSet() ? settings.quote() : Character.valueOf('"');
        this.escape = settings.escape();
        this.nullText = settings.nullValue() == null ? "" : settings.nullValue();
        this.lineSeparator = settings.lineSeparator();
        this.neutralize = settings.neutralizeFormulas();
        this.fields = schema.fields();
        special['\n'] = true;
        special['\r'] = true;
        boolean beyond = false;
        for (Character c : new Character[] {delimiter, quote, escape}) {
            if (c == null) {
                continue;
            }
            if (c < 128) {
                special[c] = true;
            } else {
                beyond = true;
            }
        }
        this.specialBeyondAscii = beyond;
        boolean unicode = charset.name().startsWith("UTF-");
        this.checker = unicode ? null : charset.newEncoder();
        Path folder = this.target.getParent();
        try {
            Files.createDirectories(folder);
            this.temp = OutputFiles.createTemp(this.target);
        } catch (IOException e) {
            throw new DataException(DataLocation.of(label), "cannot create the output in " + folder + ": " + e.getMessage(), e);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            this.channel = ch;
            this.out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), encoder), 1 << 16);
            if (settings.byteOrderMark() && unicode) {
                out.write('\uFEFF');
            }
            if (settings.header() == null || settings.header()) {
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        line.append(delimiter);
                    }
                    appendText(fields.get(i).name(), false);
                }
                line.append(lineSeparator);
                writeLine();
            }
        } catch (IOException | RuntimeException e) {
            closeChannel(ch);
            deleteTemp();
            throw new DataException(DataLocation.of(label), "cannot write the output: " + e.getMessage(), e);
        } catch (DataException e) {
            closeChannel(ch);
            deleteTemp();
            throw e;
        }
    }

    @Override
    public void write(Object[] row) throws DataException {
        if (committed || closed) {
            throw new IllegalStateException("writer is " + (committed ? "committed" : "closed"));
        }
        rows++;
        line.setLength(0);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(delimiter);
            }
            Object v = i < row.length ? row[i] : null;
            if (v == null) {
                line.append(nullText);
            } else if (v instanceof String s) {
                appendText(s, neutralize);
            } else if (v instanceof Long l) {
                int start = line.length();
                line.append(l.longValue());
                recheck(start);
            } else if (v instanceof LocalDate d && d.getYear() >= 0 && d.getYear() <= 9999) {
                int start = line.length();
                appendDate(d);
                recheck(start);
            } else {
                appendText(Values.format(v), false);
            }
        }
        line.append(lineSeparator);
        if (checker != null && !checker.canEncode(line)) {
            throw DataException.badRecord(new DataLocation(label, -1, rows, unencodableColumn(row)),
                    "the row contains characters that " + checker.charset().name() + " cannot represent", null);
        }
        try {
            writeLine();
        } catch (IOException e) {
            throw new DataException(new DataLocation(label, -1, rows, null), "cannot write the output: " + e.getMessage(), e);
        }
    }

    /** Writes the line without turning it into a String first. */
    private void writeLine() throws IOException {
        int n = line.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        line.getChars(0, n, chars, 0);
        out.write(chars, 0, n);
    }

    /** The text of {@link LocalDate#toString()} (= {@link Values#format}) for years 0 to 9999. */
    private void appendDate(LocalDate d) {
        int y = d.getYear();
        line.append((char) ('0' + y / 1000)).append((char) ('0' + y / 100 % 10)).append((char) ('0' + y / 10 % 10))
                .append((char) ('0' + y % 10)).append('-');
        int m = d.getMonthValue();
        line.append((char) ('0' + m / 10)).append((char) ('0' + m % 10)).append('-');
        int day = d.getDayOfMonth();
        line.append((char) ('0' + day / 10)).append((char) ('0' + day % 10));
    }

    /**
     * Numbers and dates appended in place hardly ever need quotes; when they do (an unusual
     * delimiter, or the null text looks like a number), they are redone the general way.
     */
    private void recheck(int start) throws DataException {
        if (needsQuotes(line, start, line.length())) {
            String v = line.substring(start);
            line.setLength(start);
            appendText(v, false);
        }
    }

    private String unencodableColumn(Object[] row) {
        for (int i = 0; i < fields.size() && i < row.length; i++) {
            if (row[i] != null && !checker.canEncode(Values.format(row[i]))) {
                return fields.get(i).name();
            }
        }
        return null;
    }

    private void appendText(String s, boolean neutralizeFormula) throws DataException {
        String v = neutralizeFormula ? FormulaText.neutralize(s) : s;
        if (!needsQuotes(v)) {
            line.append(v);
            return;
        }
        if (quote == null) {
            if (escape == null) {
                throw DataException.badRecord(new DataLocation(label, -1, rows, null),
                        "a value contains the delimiter or a line break but the output has neither quote nor escape character", null);
            }
            appendEscaped(v);
            return;
        }
        char q = quote;
        line.append(q);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == q) {
                line.append(escape == null ? q : escape.charValue());
            } else if (escape != null && c == escape) {
                line.append(c);
            }
            line.append(c);
        }
        line.append(q);
    }

    private void appendEscaped(String v) {
        char e = escape;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\n') {
                line.append(e).append('n');
            } else if (c == '\r') {
                line.append(e).append('r');
            } else {
                if (c == delimiter || c == e) {
                    line.append(e);
                }
                line.append(c);
            }
        }
    }

    private boolean needsQuotes(String v) {
        return needsQuotes(v, 0, v.length());
    }

    private boolean needsQuotes(CharSequence v, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return true;
        }
        if (Character.isWhitespace(v.charAt(from)) || Character.isWhitespace(v.charAt(to - 1))) {
            return true;
        }
        if (n == nullText.length() && nullText.contentEquals(v.subSequence(from, to))) {
            return true;
        }
        boolean[] table = special;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < 128) {
                if (table[c]) {
                    return true;
                }
            } else if (specialBeyondAscii && (c == delimiter || quote != null && c == quote || escape != null && c == escape)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void commit() throws DataException {
        if (closed || committed) {
            throw new IllegalStateException("writer is " + (committed ? "already committed" : "closed"));
        }
        try {
            out.flush();
            channel.force(true);
            out.close();
            OutputFiles.keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
            syncFolder(target.getParent());
        } catch (IOException e) {
            close();
            throw new DataException(DataLocation.of(label), "cannot publish the output: " + e.getMessage(), e);
        }
    }

    /** Makes the rename durable where the platform allows opening a folder (Linux, macOS). */
    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on this platform (e.g. Windows); the rename itself already happened
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            try {
                out.close();
            } catch (IOException e) {
                // discarding anyway
            }
            closeChannel(channel);
            deleteTemp();
        }
    }

    private static void closeChannel(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // discarding anyway
            }
        }
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a leftover hidden temp file is harmless; the target is untouched
        }
    }
}
