package org.mapwright.ui.wizards;

import java.util.HashSet;
import java.util.Set;

import org.mapwright.core.Project;

/**
 * The names the add-source wizards give and accept: a source's name qualifies its fields in
 * expressions, so it is made of letters, digits and underscores and is unique in the project.
 */
public final class SourceNames {

    private SourceNames() {
    }

    /**
     * @param base a file name (its extension is dropped) or a table name
     * @return a name from {@code base}: lower-case letters, digits and underscores, not starting
     *         with a digit ({@code source_} is put in front), and not used by a source of
     *         {@code project} ({@code _2}, {@code _3}... is appended)
     */
    public static String defaultName(Project project, String base) {
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        StringBuilder b = new StringBuilder();
        for (char c : base.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : '_');
        }
        String name = b.length() == 0 || Character.isDigit(b.charAt(0)) ? "source_" + b : b.toString();
        Set<String> names = new HashSet<>();
        project.sources().forEach(s -> names.add(s.name()));
        String out = name;
        for (int i = 2; names.contains(out); i++) {
            out = name + "_" + i;
        }
        return out;
    }

    /** @return why {@code name} cannot name a new source of {@code project}, for the user, or null when it can */
    public static String problem(Project project, String name) {
        if (name.isEmpty()) {
            return "Give the source a name (used to qualify its fields in expressions).";
        }
        if (project.sourceByName(name).isPresent()) {
            return "The project already has a source named '" + name + "'.";
        }
        return null;
    }
}
