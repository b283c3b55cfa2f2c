package org.mapwright.internal.engine.run;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the values rows hold to spill files and reads them back equal: a value read back
 * {@code equals} and hashes like the one written (same class, same decimal scale), so keys
 * found on disk match keys computed in memory.
 */
final class SpillCodec {

    private static final int NULL = 0;
    private static final int TEXT = 1;
    private static final int LONG = 2;
    private static final int DECIMAL = 3;
    private static final int TRUE = 4;
    private static final int FALSE = 5;
    private static final int DATE = 6;
    private static final int TIMESTAMP = 7;
    private static final int ARRAY = 8;
    private static final int LIST = 9;
    private static final int MAP = 10;
    private static final int COMPOSITE = 11;
    private static final int INT = 12;
    private static final int DOUBLE = 13;
    private static final int TIME = 14;

    private SpillCodec() {
    }

    static void write(DataOutput out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s) {
            out.writeByte(TEXT);
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof BigDecimal d) {
            out.writeByte(DECIMAL);
            out.writeInt(d.scale());
            byte[] b = d.unscaledValue().toByteArray();
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (v instanceof LocalDate d) {
            out.writeByte(DATE);
            out.writeLong(d.toEpochDay());
        } else if (v instanceof LocalDateTime t) {
            out.writeByte(TIMESTAMP);
            out.writeLong(t.toLocalDate().toEpochDay());
            out.writeLong(t.toLocalTime().toNanoOfDay());
        } else if (v instanceof Object[] a) {
            out.writeByte(ARRAY);
            writeArray(out, a);
        } else if (v instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object e : list) {
                write(out, e);
            }
        } else if (v instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(out, e.getKey());
                write(out, e.getValue());
            }
        } else if (v instanceof Keys.Composite c) {
            out.writeByte(COMPOSITE);
            writeArray(out, c.values());
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof LocalTime t) {
            out.writeByte(TIME);
            out.writeLong(t.toNanoOfDay());
        } else {
            throw new IllegalStateException("cannot write a value of type " + v.getClass().getName() + " to a spill file");
        }
    }

    static void writeArray(DataOutput out, Object[] a) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (Object e : a) {
            write(out, e);
        }
    }

    static Object[] readArray(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        Object[] a = new Object[n];
        for (int i = 0; i < n; i++) {
            a[i] = read(in);
        }
        return a;
    }

    static void writeText(DataOutput out, String s) throws IOException {
        write(out, s);
    }

    static String readText(DataInput in) throws IOException {
        return (String) read(in);
    }

    static Object read(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case NULL:
                return null;
            case TEXT: {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                return new String(b, StandardCharsets.UTF_8);
            }
            case LONG:
                return in.readLong();
            case DECIMAL: {
                int scale = in.readInt();
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                return new BigDecimal(new BigInteger(b), scale);
            }
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case DATE:
                return LocalDate.ofEpochDay(in.readLong());
            case TIMESTAMP: {
                LocalDate d = LocalDate.ofEpochDay(in.readLong());
                return LocalDateTime.of(d, LocalTime.ofNanoOfDay(in.readLong()));
            }
            case ARRAY:
                return readArray(in);
            case LIST: {
                int n = in.readInt();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(in));
                }
                return list;
            }
            case MAP: {
                int n = in.readInt();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object k = read(in);
                    map.put(k, read(in));
                }
                return map;
            }
            case COMPOSITE:
                return new Keys.Composite(readArray(in));
            case INT:
                return in.readInt();
            case DOUBLE:
                return in.readDouble();
            case TIME:
                return LocalTime.ofNanoOfDay(in.readLong());
            default:
                throw new IOException("corrupt spill file: unknown value tag " + tag);
        }
    }
}
