package org.mapwright.core.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Schema;

/**
 * Imports a target schema from SQL {@code CREATE TABLE} statements as H2, PostgreSQL and MySQL
 * write them.
 *
 * <p>Each column becomes a field, in column order. {@code NOT NULL} makes it non-nullable; a
 * {@code PRIMARY KEY} (on the column or as a table constraint) makes it a non-nullable key. Types:
 * character types, {@code uuid}, {@code json}, {@code enum} and {@code time} → text; integer types
 * and {@code serial}s → integer; {@code decimal}, {@code numeric}, floating types and
 * {@code money} → decimal; {@code boolean}, {@code bool}, {@code bit}/{@code bit(1)} → boolean;
 * {@code date}; {@code timestamp}/{@code datetime} with or without time zone → timestamp. An
 * array ({@code int[]}, {@code INTEGER ARRAY}) is a repeated field. Binary types are refused.
 * Identifiers may be quoted with {@code "..."}, {@code `...`} or {@code [...]}; quoted names keep
 * their case, unquoted ones are written as given. Other statements (indexes, inserts, comments)
 * are skipped.
 *
 * <p>Every field gets a fresh target-field id ({@code t_...}) from the {@link Ids} given.
 */
public final class SqlDdlImport {

    private final Ids ids;

    /** @param ids source of new field ids (seed it for reproducible ids in tests) */
    public SqlDdlImport(Ids ids) {
        this.ids = ids;
    }

    /**
     * Reads a DDL file (UTF-8).
     *
     * @param table name of the table to import (case-insensitive unless quoted in the file, schema
     *              prefix optional), or null when the file creates exactly one table
     * @throws IOException           when the file cannot be read
     * @throws SchemaImportException naming file, line and column of malformed or unsupported
     *                               content, or listing the tables when {@code table} is missing
     *                               or matches none
     */
    public Schema read(Path file, String table) throws IOException, SchemaImportException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), table);
    }

    /**
     * @param text     the DDL script
     * @param fileName name used in error messages, or null
     * @param table    as for {@link #read}
     * @throws SchemaImportException as for {@link #read}
     */
    public Schema parse(String text, String fileName, String table) throws SchemaImportException {
        Map<String, Table> tables = new Parser(fileName, new Lexer(fileName, text).tokens()).tables();
        if (tables.isEmpty()) {
            throw new SchemaImportException(fileName, 0, 0, "no CREATE TABLE statement found");
        }
        Table chosen;
        if (table == null || table.isBlank()) {
            if (tables.size() > 1) {
                throw new SchemaImportException(fileName, 0, 0, "the script creates several tables (" + String.join(", ", tables.keySet())
                        + "); choose one by name");
            }
            chosen = tables.values().iterator().next();
        } else {
            chosen = find(tables, table.trim());
            if (chosen == null) {
                throw new SchemaImportException(fileName, 0, 0, "no table '" + table + "' in the script (tables: "
                        + String.join(", ", tables.keySet()) + ")");
            }
        }
        return build(chosen, fileName);
    }

    /**
     * @return the names of the tables the script creates, in order (qualified as written, e.g.
     *         {@code sales.orders})
     * @throws SchemaImportException for malformed content
     */
    public List<String> tables(String text, String fileName) throws SchemaImportException {
        return List.copyOf(new Parser(fileName, new Lexer(fileName, text).tokens()).tables().keySet());
    }

    private static Table find(Map<String, Table> tables, String wanted) {
        Table t = tables.get(wanted);
        if (t != null) {
            return t;
        }
        List<Table> matches = new ArrayList<>();
        for (Table c : tables.values()) {
            if (c.qualified.equalsIgnoreCase(wanted) || c.name.equalsIgnoreCase(wanted)) {
                matches.add(c);
            }
        }
        return matches.size() == 1 ? matches.get(0) : null;
    }

    private Schema build(Table t, String file) throws SchemaImportException {
        for (Token k : t.keyColumns) {
            if (column(t, k.text) == null) {
                throw new SchemaImportException(file, k.line, k.column, "primary key column '" + k.text + "' is not a column of table '"
                        + t.qualified + "'");
            }
        }
        Set<String> taken = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<Field> fields = new ArrayList<>();
        for (Column c : t.columns) {
            if (!names.add(c.name.text.toLowerCase(Locale.ROOT))) {
                throw new SchemaImportException(file, c.name.line, c.name.column, "column '" + c.name.text + "' is defined twice");
            }
            boolean key = c.key || t.keyColumns.stream().anyMatch(k -> k.text.equalsIgnoreCase(c.name.text));
            String id = ids.nextUnique("t", taken);
            taken.add(id);
            fields.add(new Field(id, c.name.text, c.type, !c.notNull && !key, key, null, c.array, List.of()));
        }
        return Schema.of(fields);
    }

    private static Column column(Table t, String name) {
        for (Column c : t.columns) {
            if (c.name.text.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    private static final class Table {
        final String qualified;
        final String name;
        final List<Column> columns = new ArrayList<>();
        final List<Token> keyColumns = new ArrayList<>();

        Table(String qualified, String name) {
            this.qualified = qualified;
            this.name = name;
        }
    }

    private static final class Column {
        final Token name;
        DataType type;
        boolean notNull;
        boolean key;
        boolean array;

        Column(Token name) {
            this.name = name;
        }
    }

    /** Type names, to tell a column named like a keyword ({@code key int}) from a table constraint. */
    private static final Set<String> TYPE_WORDS = Set.of("varchar", "varchar2", "nvarchar", "char", "nchar", "text", "clob",
            "uuid", "json", "jsonb", "character", "time", "int", "integer", "smallint", "tinyint", "mediumint", "bigint", "serial",
            "bigserial", "decimal", "numeric", "number", "real", "float", "double", "boolean", "bool", "bit", "date",
            "timestamp", "timestamptz", "datetime", "enum", "money");

    private enum Kind { WORD, QUOTED, STRING, NUMBER, SYMBOL, END }

    private record Token(Kind kind, String text, int line, int column) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean symbol(String s) {
            return kind == Kind.SYMBOL && text.equals(s);
        }

        boolean identifier() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }
    }

    private static final class Lexer {
        private final String file;
        private final String s;
        private int pos;
        private int line = 1;
        private int lineStart;

        Lexer(String file, String s) {
            this.file = file;
            this.s = s;
        }

        List<Token> tokens() throws SchemaImportException {
            List<Token> out = new ArrayList<>();
            while (true) {
                skipSpaceAndComments();
                int col = pos - lineStart + 1;
                int ln = line;
                if (pos >= s.length()) {
                    out.add(new Token(Kind.END, "", ln, col));
                    return out;
                }
                char c = s.charAt(pos);
                if (Character.isLetter(c) || c == '_') {
                    int start = pos;
                    while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '$')) {
                        pos++;
                    }
                    out.add(new Token(Kind.WORD, s.substring(start, pos), ln, col));
                } else if (Character.isDigit(c)) {
                    int start = pos;
                    while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                        pos++;
                    }
                    out.add(new Token(Kind.NUMBER, s.substring(start, pos), ln, col));
                } else if (c == '"' || c == '`' || c == '[') {
                    char close = c == '[' ? ']' : c;
                    out.add(new Token(Kind.QUOTED, quoted(close, ln, col, "quoted identifier"), ln, col));
                } else if (c == '\'') {
                    out.add(new Token(Kind.STRING, quoted('\'', ln, col, "string"), ln, col));
                } else {
                    pos++;
                    out.add(new Token(Kind.SYMBOL, String.valueOf(c), ln, col));
                }
            }
        }

        private String quoted(char close, int ln, int col, String what) throws SchemaImportException {
            StringBuilder b = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= s.length()) {
                    throw new SchemaImportException(file, ln, col, "unclosed " + what);
                }
                char c = s.charAt(pos++);
                if (c == close) {
                    if (pos < s.length() && s.charAt(pos) == close && close != ']') {
                        b.append(c);
                        pos++;
                        continue;
                    }
                    return b.toString();
                }
                if (c == '\n') {
                    line++;
                    lineStart = pos;
                }
                b.append(c);
            }
        }

        private void skipSpaceAndComments() throws SchemaImportException {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    pos++;
                    line++;
                    lineStart = pos;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '-' && s.startsWith("--", pos) || c == '#') {
                    while (pos < s.length() && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (c == '/' && s.startsWith("/*", pos)) {
                    int ln = line;
                    int col = pos - lineStart + 1;
                    int end = s.indexOf("*/", pos + 2);
                    if (end < 0) {
                        throw new SchemaImportException(file, ln, col, "unclosed comment");
                    }
                    for (int i = pos; i < end; i++) {
                        if (s.charAt(i) == '\n') {
                            line++;
                            lineStart = i + 1;
                        }
                    }
                    pos = end + 2;
                } else {
                    return;
                }
            }
        }
    }

    private static final class Parser {
        private final String file;
        private final List<Token> t;
        private int i;

        Parser(String file, List<Token> tokens) {
            this.file = file;
            this.t = tokens;
        }

        private Token peek() {
            return t.get(i);
        }

        private Token peek(int ahead) {
            return t.get(Math.min(i + ahead, t.size() - 1));
        }

        private Token next() {
            Token k = t.get(i);
            if (k.kind() != Kind.END) {
                i++;
            }
            return k;
        }

        private SchemaImportException error(Token at, String reason) {
            return new SchemaImportException(file, at.line(), at.column(), reason);
        }

        private Token expect(String symbol, String context) throws SchemaImportException {
            Token k = next();
            if (!k.symbol(symbol)) {
                throw error(k, "expected '" + symbol + "' " + context + ", found " + describe(k));
            }
            return k;
        }

        private static String describe(Token k) {
            return k.kind() == Kind.END ? "the end of the script" : "'" + k.text() + "'";
        }

        Map<String, Table> tables() throws SchemaImportException {
            Map<String, Table> tables = new LinkedHashMap<>();
            while (peek().kind() != Kind.END) {
                Token start = peek();
                if (start.is("CREATE") && isCreateTable()) {
                    Table table = createTable();
                    if (tables.putIfAbsent(table.qualified, table) != null) {
                        throw error(start, "table '" + table.qualified + "' is created twice");
                    }
                } else {
                    skipStatement();
                }
            }
            return tables;
        }

        private boolean isCreateTable() {
            for (int k = 1; k < 6; k++) {
                Token a = peek(k);
                if (a.is("TABLE")) {
                    return true;
                }
                if (!(a.is("OR") || a.is("REPLACE") || a.is("TEMPORARY") || a.is("TEMP") || a.is("GLOBAL") || a.is("LOCAL")
                        || a.is("UNLOGGED") || a.is("CACHED") || a.is("MEMORY"))) {
                    return false;
                }
            }
            return false;
        }

        private void skipStatement() {
            int depth = 0;
            while (peek().kind() != Kind.END) {
                Token k = next();
                if (k.symbol("(")) {
                    depth++;
                } else if (k.symbol(")")) {
                    depth--;
                } else if (k.symbol(";") && depth <= 0) {
                    return;
                }
            }
        }

        private Table createTable() throws SchemaImportException {
            while (!next().is("TABLE")) {
                // CREATE [OR REPLACE] [TEMPORARY ...] TABLE
            }
            if (peek().is("IF") && peek(1).is("NOT") && peek(2).is("EXISTS")) {
                i += 3;
            }
            List<String> parts = new ArrayList<>();
            Token nameToken = peek();
            do {
                Token n = next();
                if (!n.identifier()) {
                    throw error(n, "expected a table name, found " + describe(n));
                }
                parts.add(n.text());
            } while (peek().symbol(".") && next() != null);
            Table table = new Table(String.join(".", parts), parts.get(parts.size() - 1));
            Token open = peek();
            if (open.is("AS") || open.is("LIKE")) {
                throw error(open, "table '" + table.qualified + "' is created " + open.text().toUpperCase(Locale.ROOT)
                        + " another; its columns are not in the script");
            }
            expect("(", "after table name '" + table.qualified + "'");
            while (true) {
                element(table);
                Token sep = next();
                if (sep.symbol(")")) {
                    break;
                }
                if (!sep.symbol(",")) {
                    throw error(sep, "expected ',' or ')' in the column list of table '" + table.qualified + "', found " + describe(sep));
                }
            }
            if (table.columns.isEmpty()) {
                throw error(nameToken, "table '" + table.qualified + "' has no columns");
            }
            skipStatement();
            return table;
        }

        private void element(Table table) throws SchemaImportException {
            Token first = peek();
            if (first.is("CONSTRAINT")) {
                next();
                next();
                first = peek();
            }
            if (first.is("PRIMARY") && peek(1).is("KEY")) {
                i += 2;
                expect("(", "after PRIMARY KEY");
                while (true) {
                    Token c = next();
                    if (!c.identifier()) {
                        throw error(c, "expected a column name in PRIMARY KEY, found " + describe(c));
                    }
                    table.keyColumns.add(c);
                    skipUntilCommaOrClose();
                    Token sep = next();
                    if (sep.symbol(")")) {
                        break;
                    }
                    if (!sep.symbol(",")) {
                        throw error(sep, "expected ',' or ')' in PRIMARY KEY, found " + describe(sep));
                    }
                }
                skipUntilCommaOrClose();
                return;
            }
            if (first.kind() == Kind.WORD && (first.is("UNIQUE") || first.is("FOREIGN") || first.is("CHECK") || first.is("KEY")
                    || first.is("INDEX") || first.is("FULLTEXT") || first.is("SPATIAL") || first.is("EXCLUDE"))
                    && !isColumnStart()) {
                skipUntilCommaOrClose();
                return;
            }
            Token name = next();
            if (!name.identifier()) {
                throw error(name, "expected a column name in table '" + table.qualified + "', found " + describe(name));
            }
            Column c = new Column(name);
            c.type = type(name);
            if (peek().symbol("[") || isBracketPair(peek())) {
                arraySuffix(c);
            }
            if (peek().is("ARRAY")) {
                // SQL standard and H2: INTEGER ARRAY[10]
                next();
                c.array = true;
                arraySuffix(c);
            }
            constraints(c);
            table.columns.add(c);
        }

        /** Whether the word at the cursor is a column named like a keyword ({@code key int}). */
        private boolean isColumnStart() {
            Token after = peek(1);
            return after.kind() == Kind.WORD && TYPE_WORDS.contains(after.text().toLowerCase(Locale.ROOT));
        }

        private void arraySuffix(Column c) {
            // "int[]" lexes as '[' ']' or as an empty [...] quoted identifier
            while (isBracketPair(peek())) {
                next();
                c.array = true;
            }
            while (peek().symbol("[")) {
                next();
                if (peek().kind() == Kind.NUMBER) {
                    next();
                }
                if (peek().symbol("]")) {
                    next();
                }
                c.array = true;
            }
        }

        private static boolean isBracketPair(Token k) {
            return k.kind() == Kind.QUOTED && k.text().matches("\\d*");
        }

        private DataType type(Token column) throws SchemaImportException {
            Token k = next();
            if (k.kind() != Kind.WORD) {
                throw error(k, "expected the type of column '" + column.text() + "', found " + describe(k));
            }
            String w = k.text().toLowerCase(Locale.ROOT);
            List<String> args = typeArgs();
            DataType type;
            switch (w) {
                case "varchar": case "varchar2": case "nvarchar": case "nvarchar2": case "char": case "nchar": case "text":
                case "tinytext": case "mediumtext": case "longtext": case "clob": case "nclob": case "uuid": case "json":
                case "jsonb": case "xml": case "citext": case "string": case "enum": case "set": case "name": case "inet":
                case "varchar_ignorecase": case "bpchar":
                case "cidr": case "interval": case "year":
                    type = DataType.TEXT;
                    break;
                case "character": case "national":
                    while (peek().is("varying") || peek().is("character") || peek().is("large") || peek().is("object")) {
                        next();
                    }
                    typeArgs();
                    type = DataType.TEXT;
                    break;
                case "time": case "timetz":
                    zoneSuffix();
                    type = DataType.TEXT;
                    break;
                case "int": case "integer": case "int2": case "int4": case "int8": case "smallint": case "tinyint":
                case "mediumint": case "bigint": case "serial": case "serial4": case "serial8": case "bigserial":
                case "smallserial": case "identity":
                    type = DataType.INTEGER;
                    break;
                case "decimal": case "dec": case "numeric": case "number": case "real": case "float": case "float4":
                case "float8": case "decfloat": case "money": case "smallmoney":
                    type = DataType.DECIMAL;
                    break;
                case "double":
                    if (peek().is("precision")) {
                        next();
                    }
                    typeArgs();
                    type = DataType.DECIMAL;
                    break;
                case "boolean": case "bool":
                    type = DataType.BOOLEAN;
                    break;
                case "bit":
                    if (!args.isEmpty() && !args.get(0).equals("1")) {
                        throw error(k, "column '" + column.text() + "' has type BIT(" + args.get(0)
                                + "), a bit string; only BIT and BIT(1) (a boolean) are supported");
                    }
                    type = DataType.BOOLEAN;
                    break;
                case "date":
                    type = DataType.DATE;
                    break;
                case "timestamp": case "timestamptz": case "datetime": case "datetime2": case "smalldatetime":
                case "datetimeoffset":
                    zoneSuffix();
                    type = DataType.TIMESTAMP;
                    break;
                case "bytea": case "blob": case "tinyblob": case "mediumblob": case "longblob": case "binary":
                case "varbinary": case "image":
                    throw error(k, "column '" + column.text() + "' has binary type " + k.text().toUpperCase(Locale.ROOT)
                            + ", which a target schema cannot hold; leave the column out or make it text");
                default:
                    throw error(k, "column '" + column.text() + "' has unknown type '" + k.text() + "'");
            }
            while (peek().is("unsigned") || peek().is("signed") || peek().is("zerofill")) {
                next();
            }
            return type;
        }

        private void zoneSuffix() throws SchemaImportException {
            typeArgs();
            if ((peek().is("with") || peek().is("without")) && peek(1).is("time") && peek(2).is("zone")) {
                i += 3;
            }
        }

        private List<String> typeArgs() throws SchemaImportException {
            List<String> args = new ArrayList<>();
            if (!peek().symbol("(")) {
                return args;
            }
            Token open = next();
            int depth = 1;
            StringBuilder cur = new StringBuilder();
            while (depth > 0) {
                Token k = next();
                if (k.kind() == Kind.END) {
                    throw error(open, "unclosed '(' in a column type");
                }
                if (k.symbol("(")) {
                    depth++;
                } else if (k.symbol(")")) {
                    depth--;
                    if (depth == 0) {
                        break;
                    }
                } else if (k.symbol(",") && depth == 1) {
                    args.add(cur.toString());
                    cur.setLength(0);
                    continue;
                }
                cur.append(k.text());
            }
            args.add(cur.toString());
            return args;
        }

        private void constraints(Column c) throws SchemaImportException {
            int depth = 0;
            while (true) {
                Token k = peek();
                if (k.kind() == Kind.END) {
                    throw error(k, "unexpected end of the script in the definition of column '" + c.name.text() + "'");
                }
                if (depth == 0 && (k.symbol(",") || k.symbol(")"))) {
                    return;
                }
                next();
                if (k.symbol("(")) {
                    depth++;
                } else if (k.symbol(")")) {
                    depth--;
                } else if (depth == 0 && k.is("NOT") && peek().is("NULL")) {
                    next();
                    c.notNull = true;
                } else if (depth == 0 && k.is("PRIMARY") && peek().is("KEY")) {
                    next();
                    c.key = true;
                }
            }
        }

        private void skipUntilCommaOrClose() throws SchemaImportException {
            int depth = 0;
            while (true) {
                Token k = peek();
                if (k.kind() == Kind.END) {
                    throw error(k, "unexpected end of the script inside a table definition");
                }
                if (depth == 0 && (k.symbol(",") || k.symbol(")"))) {
                    return;
                }
                next();
                if (k.symbol("(")) {
                    depth++;
                } else if (k.symbol(")")) {
                    depth--;
                }
            }
        }
    }
}
