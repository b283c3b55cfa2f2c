package org.mapwright.runtime;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.internal.runtime.SecretSettings;

/**
 * Run-time values for settings of a project's sources and outputs (paths, hosts, tables), so the
 * same project runs against other files or databases without editing it. See PARAMETERS.md of
 * this bundle.
 *
 * <p>Every setting a source or output has in the project file is a parameter named
 * {@code <element>.<setting>}: the element is a source's name (or id) or an output's id, e.g.
 * {@code customers.path}, {@code out_h2db4n8p.table}. An output id that several mappings use, or
 * that is also a source's name or id, is qualified by its mapping's id:
 * {@code map_join.out_csv.path}. A value given on the command line ({@code --param name=value})
 * wins over the environment variable {@code MAPWRIGHT_PARAM_<NAME>} (see {@link #variableName}),
 * which wins over the project file. A value is converted to the type the setting has in the
 * project (text, integer, decimal, {@code true}/{@code false}).
 *
 * <p>Unknown names are errors, never ignored: a typo must not silently run against production
 * data. Secrets are never parameters: settings whose name says they hold one are refused; secrets
 * stay in the credential store, named by a key setting such as {@code credentialKey}.
 *
 * <p>Parameters change the project in memory only; the project file is never rewritten.
 * Immutable.
 */
public final class Parameters {

    /** Prefix of the environment variables holding parameter values. */
    public static final String ENVIRONMENT_PREFIX = "MAPWRIGHT_PARAM_";

    private static final Parameters NONE = new Parameters(Map.of(), Map.of());

    private final Map<String, String> commandLine;
    private final Map<String, String> environment;

    private Parameters(Map<String, String> commandLine, Map<String, String> environment) {
        this.commandLine = commandLine;
        this.environment = environment;
    }

    /** @return no values: the project runs as saved */
    public static Parameters none() {
        return NONE;
    }

    /**
     * @param commandLine values by parameter name, as given with {@code --param name=value}; null
     *                    means none
     * @param environment environment variables (e.g. {@code System.getenv()}); only those starting
     *                    with {@value #ENVIRONMENT_PREFIX} are used; null means none
     */
    public static Parameters of(Map<String, String> commandLine, Map<String, String> environment) {
        Map<String, String> cl = new LinkedHashMap<>(commandLine == null ? Map.of() : commandLine);
        Map<String, String> env = new TreeMap<>();
        if (environment != null) {
            environment.forEach((k, v) -> {
                if (k.startsWith(ENVIRONMENT_PREFIX) && v != null) {
                    env.put(k, v);
                }
            });
        }
        return cl.isEmpty() && env.isEmpty() ? NONE : new Parameters(cl, env);
    }

    /** @return whether no value is given at all */
    public boolean isEmpty() {
        return commandLine.isEmpty() && environment.isEmpty();
    }

    /**
     * One setting of a source or output that can be given at run time.
     *
     * @param name      the parameter's name, e.g. {@code customers.path}
     * @param kind      {@code "source"} or {@code "output"}
     * @param elementId   the source's or output's id
     * @param mappingId   for an output, the id of its mapping; null for a source
     * @param mappingName for an output, the name of its mapping; null for a source
     * @param connector   the element's connector kind
     * @param setting     the setting's key
     * @param value       its value in the project
     */
    public record Parameter(String name, String kind, String elementId, String mappingId, String mappingName, String connector,
            String setting, Object value) {

        /** @return the environment variable that gives this parameter a value */
        public String variable() {
            return variableName(name);
        }
    }

    /**
     * @return {@value #ENVIRONMENT_PREFIX} followed by the parameter name in upper case, every
     *         character other than A–Z and 0–9 replaced by {@code _}: {@code customers.path} is read
     *         from {@code MAPWRIGHT_PARAM_CUSTOMERS_PATH}
     */
    public static String variableName(String parameterName) {
        StringBuilder b = new StringBuilder(ENVIRONMENT_PREFIX);
        for (char c : parameterName.toUpperCase(Locale.ROOT).toCharArray()) {
            b.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return b.toString();
    }

    /** @return every parameter of the project with its current value: sources in project order, then outputs in mapping order */
    public static List<Parameter> list(Project project) {
        List<Parameter> out = new ArrayList<>();
        for (Element e : elements(project)) {
            for (var s : e.settings().asMap().entrySet()) {
                if (!SecretSettings.isSecretName(s.getKey())) {
                    out.add(new Parameter(e.name + "." + s.getKey(), e.kind, e.id, e.mapping == null ? null : e.mapping.id(),
                            e.mapping == null ? null : e.mapping.name(), e.connector(), s.getKey(), s.getValue()));
                }
            }
        }
        return out;
    }

    /**
     * Applies the values to a copy of the project.
     *
     * @return the project with the given settings replaced; the same project when no value is given
     * @throws InvalidProjectException naming the parameter and the known ones when a name is
     *         unknown or ambiguous, names a secret, or a value does not fit its setting's type
     */
    public Project apply(Project project) throws InvalidProjectException {
        if (isEmpty()) {
            return project;
        }
        List<Element> elements = elements(project);
        List<Parameter> known = list(project);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, List<String>> byVariable = new HashMap<>();
        for (Parameter p : known) {
            byVariable.computeIfAbsent(p.variable(), k -> new ArrayList<>()).add(p.name());
        }
        for (var e : environment.entrySet()) {
            List<String> names = byVariable.get(e.getKey());
            if (names == null) {
                throw error("environment variable " + e.getKey() + " names no parameter of this project", known);
            }
            if (names.size() > 1) {
                throw new InvalidProjectException("environment variable " + e.getKey() + " is ambiguous: it stands for "
                        + String.join(" and ", names) + "; give the value with --param instead", List.of());
            }
            values.put(names.get(0), e.getValue());
        }
        for (var e : commandLine.entrySet()) {
            values.put(resolve(e.getKey(), elements, known), e.getValue());
        }
        Project out = project;
        for (var v : values.entrySet()) {
            Parameter p = known.stream().filter(k -> k.name().equals(v.getKey())).findFirst().orElseThrow();
            Object typed = convert(p, v.getValue());
            out = set(out, p, typed);
        }
        return out;
    }

    /** @return the canonical name a command-line parameter name stands for */
    private static String resolve(String given, List<Element> elements, List<Parameter> known) throws InvalidProjectException {
        int dot = given.lastIndexOf('.');
        if (dot <= 0 || dot == given.length() - 1) {
            throw error("parameter '" + given + "' is not of the form <source or output>.<setting>", known);
        }
        String elementName = given.substring(0, dot);
        String setting = given.substring(dot + 1);
        List<Element> matches = new ArrayList<>();
        for (Element e : elements) {
            if (e.answersTo(elementName) && !matches.contains(e)) {
                matches.add(e);
            }
        }
        if (matches.isEmpty()) {
            throw error("unknown parameter '" + given + "': the project has no source or output '" + elementName + "'", known);
        }
        if (matches.size() > 1) {
            List<String> which = new ArrayList<>();
            for (Element e : matches) {
                which.add(e.name);
            }
            throw new InvalidProjectException("parameter '" + given + "' is ambiguous: '" + elementName + "' may be "
                    + String.join(" or ", which) + "; use one of those names", List.of());
        }
        Element e = matches.get(0);
        if (SecretSettings.isSecretName(setting)) {
            throw new InvalidProjectException("'" + given + "' cannot be a parameter: secrets never are. Keep the secret in the "
                    + "credential store under the key the settings name (e.g. credentialKey) and give it with "
                    + "MAPWRIGHT_SECRET_<KEY> or --secrets", List.of());
        }
        if (!e.settings().has(setting)) {
            List<String> own = new ArrayList<>();
            for (Parameter p : known) {
                if (p.name().equals(e.name + "." + p.setting()) && p.kind().equals(e.kind)) {
                    own.add(p.name());
                }
            }
            throw new InvalidProjectException("unknown parameter '" + given + "': " + e.kind + " '" + e.name + "' has no setting '"
                    + setting + "' (its parameters: " + String.join(", ", own) + "). Only settings the project file gives can be "
                    + "parameters", List.of());
        }
        return e.name + "." + setting;
    }

    private static InvalidProjectException error(String message, List<Parameter> known) {
        List<String> names = new ArrayList<>();
        for (Parameter p : known) {
            names.add(p.name());
        }
        return new InvalidProjectException(message + " (parameters of this project: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + ")", List.of());
    }

    private static Object convert(Parameter p, String text) throws InvalidProjectException {
        Object current = p.value();
        try {
            if (current instanceof Boolean) {
                String t = text.trim().toLowerCase(Locale.ROOT);
                if (!t.equals("true") && !t.equals("false")) {
                    throw new IllegalArgumentException("true or false");
                }
                return Boolean.valueOf(t);
            }
            if (current instanceof Long) {
                return Long.valueOf(text.trim());
            }
            if (current instanceof BigDecimal) {
                return new BigDecimal(text.trim());
            }
            return text;
        } catch (IllegalArgumentException e) {
            String expected = current instanceof Boolean ? "true or false" : current instanceof Long ? "an integer" : "a number";
            throw new InvalidProjectException("parameter " + p.name() + " must be " + expected + ", not '" + text + "'", List.of());
        }
    }

    private static Project set(Project project, Parameter p, Object value) {
        if (p.kind().equals(Element.SOURCE)) {
            SourceDef s = project.source(p.elementId()).orElseThrow();
            return project.withSource(s.withSettings(s.settings().with(p.setting(), value)));
        }
        Project out = project;
        for (MappingDef m : project.mappings()) {
            if (!m.id().equals(p.mappingId())) {
                continue;
            }
            List<OutputDef> outputs = new ArrayList<>();
            boolean changed = false;
            for (OutputDef o : m.outputs()) {
                if (o.id().equals(p.elementId()) && !changed) {
                    outputs.add(o.withSettings(o.settings().with(p.setting(), value)));
                    changed = true;
                } else {
                    outputs.add(o);
                }
            }
            if (changed) {
                return out.withMapping(m.withOutputs(outputs));
            }
        }
        return out;
    }

    /** A source or output as parameters see it. */
    private static final class Element {
        static final String SOURCE = "source";
        static final String OUTPUT = "output";

        final String kind;
        final String id;
        final String name;
        final SourceDef source;
        final MappingDef mapping;
        final OutputDef output;

        Element(SourceDef source) {
            this.kind = SOURCE;
            this.id = source.id();
            this.name = source.name();
            this.source = source;
            this.mapping = null;
            this.output = null;
        }

        Element(MappingDef mapping, OutputDef output, boolean qualified) {
            this.kind = OUTPUT;
            this.id = output.id();
            this.name = qualified ? mapping.id() + "." + output.id() : output.id();
            this.source = null;
            this.mapping = mapping;
            this.output = output;
        }

        Settings settings() {
            return source != null ? source.settings() : output.settings();
        }

        String connector() {
            return source != null ? source.connector() : output.connector();
        }

        boolean answersTo(String elementName) {
            if (source != null) {
                return source.name().equals(elementName) || source.id().equals(elementName);
            }
            return output.id().equals(elementName) || (mapping.id() + "." + output.id()).equals(elementName);
        }
    }

    private static List<Element> elements(Project project) {
        Map<String, Integer> outputIds = new HashMap<>();
        for (MappingDef m : project.mappings()) {
            for (OutputDef o : m.outputs()) {
                outputIds.merge(o.id(), 1, Integer::sum);
            }
        }
        List<Element> out = new ArrayList<>();
        for (SourceDef s : project.sources()) {
            out.add(new Element(s));
        }
        for (MappingDef m : project.mappings()) {
            for (OutputDef o : m.outputs()) {
                boolean clash = outputIds.get(o.id()) > 1
                        || project.sources().stream().anyMatch(s -> s.name().equals(o.id()) || s.id().equals(o.id()));
                out.add(new Element(m, o, clash));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Parameters" + commandLine.keySet() + environment.keySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.commandLine.equals(commandLine) && p.environment.equals(environment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(commandLine, environment);
    }
}
