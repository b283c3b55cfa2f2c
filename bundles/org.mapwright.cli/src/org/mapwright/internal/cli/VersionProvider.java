package org.mapwright.internal.cli;

import picocli.CommandLine;

/** Reads the version from the bundle manifest of the jar the command runs from. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        if (v == null) {
            v = BundleVersion.read();
        }
        return new String[] { "mapwright " + v, "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")" };
    }
}
