package org.mapwright.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.ProjectExporter;
import org.osgi.framework.FrameworkUtil;

/**
 * The Windows launcher of an export says what the Unix one says: the same main class, class path,
 * project, JVM system properties and default JVM options, forwards the arguments and the exit
 * code, and has CRLF line ends (the Unix one has none).
 */
class LauncherCoherenceTest {

    /** One launcher's java command, with the export folder written as ROOT and / as separator. */
    private record Command(Set<String> properties, String defaultOptions, String classPath, String mainClass, String command,
            String project, String forwarded) {
    }

    @TempDir
    static Path temp;

    private static String sh;
    private static String bat;

    @BeforeAll
    static void export() throws Exception {
        Path sample = temp.resolve("sample");
        Path source = Path.of(System.getProperty("mapwright.repo", "../.."), "bundles/org.mapwright.app/sample-project");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = sample.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        Path target = temp.resolve("export");
        ExportJob job = new ExportJob(MapwrightRuntime.standard(CredentialStore.NONE),
                ExportJob.installedBundles(FrameworkUtil.getBundle(ExportJob.class).getBundleContext()), sample, target, false);
        job.schedule();
        job.join(120_000, null);
        assertNull(job.failure(), job.failure());
        sh = read(target.resolve("bin/mapwright-run"));
        bat = read(target.resolve("bin/mapwright-run.bat"));
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    @Test
    void theWindowsLauncherHasCrlfLineEndsAndTheUnixOneHasNone() {
        assertFalse(bat.isEmpty());
        for (int i = 0; i < bat.length(); i++) {
            if (bat.charAt(i) == '\n') {
                assertTrue(i > 0 && bat.charAt(i - 1) == '\r', "LF without CR at offset " + i + " of mapwright-run.bat");
            }
            if (bat.charAt(i) == '\r') {
                assertTrue(i + 1 < bat.length() && bat.charAt(i + 1) == '\n', "CR without LF at offset " + i + " of mapwright-run.bat");
            }
        }
        assertTrue(bat.endsWith("\r\n"), "the last line of mapwright-run.bat ends too");
        assertFalse(sh.contains("\r"), "mapwright-run has Unix line ends");
        assertTrue(sh.startsWith("#!/bin/sh\n"));
    }

    @Test
    void bothLaunchersRunTheSameCommand() {
        Command unix = unix(sh);
        Command windows = windows(bat);
        assertEquals(unix, windows);
        assertEquals(ProjectExporter.LAUNCHER_MAIN_CLASS, unix.mainClass());
        assertEquals("ROOT/lib/*", unix.classPath());
        assertEquals("ROOT/project", unix.project());
        assertEquals("run", unix.command());
        assertTrue(bat.contains("exit /b %ERRORLEVEL%"), "the batch file passes the exit code on");
        assertTrue(sh.contains("exec \"$java\""), "the shell script passes the exit code on (exec)");
        assertTrue(sh.contains("JAVA_HOME") && bat.contains("JAVA_HOME"), "both honour JAVA_HOME");
    }

    private static final Pattern PROPERTY = Pattern.compile("-D[A-Za-z0-9_.]+=\\S+");

    private static Command unix(String text) {
        String line = text.lines().filter(l -> l.startsWith("exec \"$java\"")).findFirst().orElseThrow(() -> new AssertionError("no exec line"));
        Matcher m = Pattern.compile("\\$\\{MAPWRIGHT_OPTS:-([^}]*)\\} -cp \"([^\"]+)\" (\\S+) (\\S+) \"([^\"]+)\" (\\S+)$").matcher(line);
        assertTrue(m.find(), line);
        return new Command(properties(line), m.group(1), unixPath(m.group(2)), m.group(3), m.group(4), unixPath(m.group(5)),
                m.group(6).equals("\"$@\"") ? "all" : m.group(6));
    }

    private static Command windows(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        String line = lines.stream().filter(l -> l.startsWith("\"%JAVA%\"")).findFirst().orElseThrow(() -> new AssertionError("no java line"));
        Matcher def = Pattern.compile("set \"MAPWRIGHT_OPTS=([^\"]*)\"").matcher(text);
        assertTrue(def.find(), "the batch file defaults MAPWRIGHT_OPTS");
        Matcher m = Pattern.compile("%MAPWRIGHT_OPTS% -cp \"([^\"]+)\" (\\S+) (\\S+) \"([^\"]+)\" (\\S+)$").matcher(line);
        assertTrue(m.find(), line);
        return new Command(properties(line), def.group(1), windowsPath(m.group(1)), m.group(2), m.group(3), windowsPath(m.group(4)),
                m.group(5).equals("%*") ? "all" : m.group(5));
    }

    private static Set<String> properties(String line) {
        Set<String> out = new TreeSet<>();
        Matcher m = PROPERTY.matcher(line);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String unixPath(String p) {
        return p.replace("$here", "ROOT");
    }

    private static String windowsPath(String p) {
        return p.replace("%HERE%", "ROOT").replace('\\', '/');
    }
}
