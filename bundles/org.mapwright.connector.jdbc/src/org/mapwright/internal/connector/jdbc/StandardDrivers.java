package org.mapwright.internal.connector.jdbc;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.mapwright.connector.jdbc.ConnectionSpec;
import org.mapwright.connector.jdbc.JdbcUrls;

/**
 * The bundled H2 and PostgreSQL drivers, instantiated directly (in OSGi the
 * {@link java.sql.DriverManager} cannot see drivers in other bundles), and generic drivers from
 * a user's jar, each jar in its own class loader whose parent is the platform loader, so the
 * driver sees neither Mapwright nor the bundled drivers. Loaded generic drivers are kept per jar
 * version for the life of this object: a JDBC driver registers itself globally when loaded, so
 * loading it again per connection would leak a class loader each time.
 */
public final class StandardDrivers implements DriverFactory {

    private record JarKey(Path jar, long size, long modified, String driverClass) {
    }

    private final ConcurrentMap<JarKey, Driver> generic = new ConcurrentHashMap<>();

    @Override
    public Driver driver(ConnectionSpec spec) throws SQLException {
        switch (spec.driver()) {
            case JdbcUrls.H2:
                return new org.h2.Driver();
            case JdbcUrls.POSTGRESQL:
                return new org.postgresql.Driver();
            default:
                return generic(spec.driverJar(), spec.driverClass());
        }
    }

    private Driver generic(Path jar, String driverClass) throws SQLException {
        JarKey key;
        try {
            Path real = jar.toRealPath();
            key = new JarKey(real, Files.size(real), Files.getLastModifiedTime(real).toMillis(), driverClass);
        } catch (IOException e) {
            throw new SQLException("cannot read driver jar " + jar + ": " + e.getMessage(), null, e);
        }
        Driver known = generic.get(key);
        if (known != null) {
            return known;
        }
        Driver loaded = load(key);
        Driver raced = generic.putIfAbsent(key, loaded);
        return raced == null ? loaded : raced;
    }

    private static Driver load(JarKey key) throws SQLException {
        URL url;
        try {
            url = key.jar().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new SQLException("cannot use driver jar " + key.jar() + ": " + e.getMessage(), null, e);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] { url }, ClassLoader.getPlatformClassLoader());
        try {
            Class<?> c = Class.forName(key.driverClass(), true, loader);
            if (!Driver.class.isAssignableFrom(c)) {
                closeQuietly(loader);
                throw new SQLException("class " + key.driverClass() + " in " + key.jar() + " is not a java.sql.Driver");
            }
            return (Driver) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            closeQuietly(loader);
            throw new SQLException("driver class " + key.driverClass() + " not found in " + key.jar(), null, e);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            closeQuietly(loader);
            throw new SQLException("cannot instantiate driver " + key.driverClass() + " from " + key.jar() + ": " + e, null, e);
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // The loader is unusable either way; the load failure being reported matters more.
        }
    }
}
