package org.mapwright.internal.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.stream.Stream;

import org.mapwright.cli.Main;
import org.mapwright.runtime.RuntimeJars;

/**
 * The jars of the command-line distribution: every {@code *.jar} in the {@code lib/} folder the
 * running {@code mapwright} command was started from, found through the jar holding
 * {@link Main}.
 */
final class LibFolderJars implements RuntimeJars {

    @Override
    public List<Path> jars() throws IOException {
        Path self = location();
        if (!Files.isRegularFile(self) || !self.getFileName().toString().endsWith(".jar")) {
            throw new IOException("export needs the command-line distribution (bin/mapwright with its lib/ folder); this "
                    + "mapwright runs from " + self + ", which is not a jar");
        }
        Path lib = self.getParent();
        try (Stream<Path> s = Files.list(lib)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static Path location() throws IOException {
        CodeSource source = Main.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("cannot tell where the mapwright command was loaded from, so its lib/ folder is unknown");
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot tell where the mapwright command was loaded from (" + source.getLocation() + ")", e);
        }
    }
}
