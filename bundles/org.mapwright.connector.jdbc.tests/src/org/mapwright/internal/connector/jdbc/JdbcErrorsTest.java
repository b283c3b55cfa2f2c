package org.mapwright.internal.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

class JdbcErrorsTest {

    @Test
    void summarisesCausesAndNextExceptionsWithHint() {
        SQLException e = new SQLException("Connection to db:5432 refused.", "08001", new ConnectException("Connection refused"));
        e.setNextException(new SQLException("second problem"));
        assertEquals("database unreachable: Connection to db:5432 refused.; caused by: Connection refused; caused by: second problem [08001]",
                JdbcErrors.summary(e, List.of()));
    }

    @Test
    void keepsOnlyTheFirstLineOfLongServerMessages() {
        SQLException e = new SQLException("ERROR: relation \"x\" does not exist\n  Position: 15", "42P01");
        assertEquals("table not found: ERROR: relation \"x\" does not exist [42P01]", JdbcErrors.summary(e, List.of()));
    }

    @Test
    void redactsSecretsFromSummaries() {
        SQLException e = new SQLException("login failed for password s3cr3t-canary", "28P01");
        String summary = JdbcErrors.summary(e, List.of("s3cr3t-canary"));
        assertTrue(summary.startsWith("authentication failed"), summary);
        assertTrue(summary.contains("****") && !summary.contains("s3cr3t-canary"), summary);
    }

    @Test
    void dropsCausesThatWouldLeakASecret() {
        SQLException leaking = new SQLException("wrapper", new IllegalStateException("pw=s3cr3t-canary"));
        SQLException clean = new SQLException("nothing to see");
        assertNull(JdbcErrors.safeCause(leaking, List.of("s3cr3t-canary")));
        assertSame(clean, JdbcErrors.safeCause(clean, List.of("s3cr3t-canary")));
    }
}
