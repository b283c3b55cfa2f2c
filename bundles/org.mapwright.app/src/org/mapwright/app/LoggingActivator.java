package org.mapwright.app;

import java.util.Hashtable;

import org.apache.logging.log4j.simple.SimpleLoggerContextFactory;
import org.apache.logging.log4j.spi.Provider;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Offers the Log4j API a logging backend (its simple logger: errors on stderr) for the libraries
 * that log through it (POI).
 *
 * <p>Why the application must: log4j-api's OSGi activator takes a start-up lock and keeps it until
 * some bundle offers a {@link Provider} service; with none, every other thread that first touches
 * Log4j (POI opening a workbook in a background job) waits forever. The product starts this
 * bundle on the start-level thread, the thread that holds that lock, so the lock is released as
 * soon as this bundle has started. (Log4j 2.24 ignores the older
 * {@code META-INF/log4j-provider.properties} files.)
 */
public final class LoggingActivator implements BundleActivator {

    private ServiceRegistration<Provider> registration;

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("APIVersion", "2.6.0");
        registration = context.registerService(Provider.class, new Provider(10, "2.6.0", SimpleLoggerContextFactory.class), properties);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }
}
