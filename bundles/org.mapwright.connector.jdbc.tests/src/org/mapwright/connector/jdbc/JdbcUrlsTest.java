package org.mapwright.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;

class JdbcUrlsTest {

    @TempDir
    Path dir;

    private ConnectionSpec build(Map<String, ?> settings) {
        return JdbcUrls.build(ConnectorContext.of(dir), Settings.of(settings));
    }

    @Test
    void buildsEmbeddedH2FileUrlRelativeToProjectFolder() {
        ConnectionSpec spec = build(Map.of("driver", "h2", "path", "data/shop"));
        assertEquals("jdbc:h2:file:" + dir.resolve("data/shop"), spec.url());
        assertEquals("sa", spec.user());
        assertEquals(Map.of(), spec.properties());
        assertNull(spec.credentialKey());
        assertEquals("H2 file " + dir.resolve("data/shop"), spec.label());
    }

    @Test
    void dropsMvDbSuffixAndAllowsParentFolders() {
        assertEquals("jdbc:h2:file:" + dir.resolve("data/shop"), build(Map.of("driver", "h2", "path", "data/shop.mv.db")).url());
        assertEquals("jdbc:h2:file:" + dir.getParent().resolve("shared/db"), build(Map.of("driver", "h2", "path", "../shared/db")).url());
    }

    @Test
    void refusesADriveLetterPathWhereItIsNotAbsolute() {
        Assumptions.assumeTrue(File.separatorChar == '/', "drive letters are absolute paths on Windows");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(Map.of("driver", "h2", "path", "j:\\data\\shop")));
        assertTrue(e.getMessage().contains("':'"), e.getMessage());
    }

    @Test
    void addsAesCipherWithFileCredentialKey() {
        ConnectionSpec spec = build(Map.of("driver", "h2", "path", "secure", "cipher", true, "fileCredentialKey", "h2/file", "user", "ann",
                "credentialKey", "h2/ann"));
        assertEquals("jdbc:h2:file:" + dir.resolve("secure") + ";CIPHER=AES", spec.url());
        assertEquals("h2/file", spec.fileCredentialKey());
        assertEquals("h2/ann", spec.credentialKey());
        assertEquals("ann", spec.user());
    }

    @Test
    void refusesCipherWithoutFileCredentialKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> build(Map.of("driver", "h2", "path", "secure", "cipher", "true")));
        assertTrue(e.getMessage().contains("fileCredentialKey"), e.getMessage());
    }

    @Test
    void buildsPostgresqlUrlWithDefaultPortAndCheckedProperties() {
        ConnectionSpec spec = build(Map.of("driver", "postgresql", "host", "db.example.org", "database", "sales", "user", "bob",
                "credentialKey", "pg/bob", "properties", "sslmode=REQUIRE; connecttimeout=5\napplicationname=Mapwright"));
        assertEquals("jdbc:postgresql://db.example.org:5432/sales", spec.url());
        assertEquals(Map.of("sslmode", "require", "connectTimeout", "5", "ApplicationName", "Mapwright"), spec.properties());
        assertEquals("bob", spec.user());
        assertEquals("PostgreSQL bob@db.example.org:5432/sales", spec.label());
    }

    @Test
    void bracketsIpv6HostsAndEncodesDatabaseNames() {
        assertEquals("jdbc:postgresql://[::1]:5433/my+shop", build(Map.of("driver", "postgresql", "host", "::1", "port", "5433",
                "database", "my shop")).url());
        assertEquals("jdbc:postgresql://[fe80::1]:5432/db", build(Map.of("driver", "postgresql", "host", "[fe80::1]", "database", "db")).url());
        assertEquals("jdbc:postgresql://10.0.0.7:6543/db", build(Map.of("driver", "postgresql", "host", "10.0.0.7", "port", 6543L,
                "database", "db")).url());
    }

    @Test
    void resolvesCertificateFilesAgainstProjectFolder() {
        ConnectionSpec spec = build(Map.of("driver", "postgresql", "host", "db", "database", "sales", "properties",
                "sslmode=verify-full;sslrootcert=certs/root.crt"));
        assertEquals(dir.resolve("certs/root.crt").toString(), spec.properties().get("sslrootcert"));
    }

    @Test
    void buildsGenericSpecFromDriverJarClassAndUrl() throws Exception {
        Path jar = Files.createFile(dir.resolve("acme-jdbc.jar"));
        ConnectionSpec spec = build(Map.of("driver", "generic", "driverJar", "acme-jdbc.jar", "driverClass", "com.acme.jdbc.Driver", "url",
                "jdbc:acme://warehouse:9000/main", "properties", "fetchRows=500"));
        assertEquals(jar, spec.driverJar());
        assertEquals("com.acme.jdbc.Driver", spec.driverClass());
        assertEquals("jdbc:acme://warehouse:9000/main", spec.url());
        assertEquals(Map.of("fetchRows", "500"), spec.properties());
    }

    @Test
    void namesTheKnownDriversWhenDriverIsMissingOrUnknown() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> build(Map.of("path", "x"))).getMessage()
                .contains("h2, postgresql or generic"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> build(Map.of("driver", "oracle"))).getMessage()
                .contains("generic with driverJar"));
    }

    @Test
    void refusesSettingsOfAnotherDriver() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> build(Map.of("driver", "postgresql", "host", "db", "database", "x", "path", "local")));
        assertEquals("setting 'path' does not apply to driver postgresql", e.getMessage());
    }

    @Test
    void specToStringIsTheLabel() {
        ConnectionSpec spec = build(Map.of("driver", "postgresql", "host", "db", "database", "sales", "credentialKey", "pg/key"));
        assertEquals("PostgreSQL db:5432/sales", spec.toString());
    }
}
