package org.mapwright.internal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.jar.Manifest;

/** The {@code Bundle-Version} of this bundle's manifest, the single place the version is set. */
final class BundleVersion {

    private BundleVersion() {
    }

    static String read() {
        try {
            var urls = BundleVersion.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                try (InputStream in = url.openStream()) {
                    var attrs = new Manifest(in).getMainAttributes();
                    if ("org.mapwright.cli".equals(symbolicName(attrs.getValue("Bundle-SymbolicName")))) {
                        return attrs.getValue("Bundle-Version");
                    }
                }
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    private static String symbolicName(String header) {
        return header == null ? null : header.split(";", 2)[0].trim();
    }
}
