package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mapwright.core.Field;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.JoinPlan;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.MappingPlan;
import org.mapwright.engine.Problem;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.ExpressionTree;
import org.mapwright.internal.connector.csv.CsvSettings;

/**
 * What the Spark engine cannot run in a valid project (errors: sources it has no reader for,
 * settings its readers do not share), and where it differs in how it runs (warnings: functions
 * run as Java UDFs, outputs written through the driver). Translates every expression without
 * touching data.
 */
public final class SparkValidation {

    private final MappingEngine engine;

    public SparkValidation(MappingEngine engine) {
        this.engine = engine;
    }

    public List<Problem> problems(Project project) {
        List<Problem> out = new ArrayList<>();
        for (MappingDef m : project.mappings()) {
            MappingPlan plan = engine.compile(project, m.id());
            if (plan.hasErrors()) {
                continue;
            }
            mapping(plan, out);
        }
        return out;
    }

    private void mapping(MappingPlan plan, List<Problem> out) {
        MappingDef m = plan.mapping();
        source(m, plan.source().orElseThrow(), Problem.SOURCE, out);
        for (JoinPlan j : plan.joins()) {
            source(m, j.source(), j.element(), out);
        }
        for (RuleDef r : m.rules()) {
            if (r.kind() == RuleDef.Kind.REFERENCE) {
                String name = r.settings().getString("source", "");
                plan.project().sourceByName(name).or(() -> plan.project().source(name)).ifPresent(s -> source(m, s, r.id(), out));
            }
        }
        TranslationContext context = new TranslationContext(Clock.systemUTC(), null);
        List<Map.Entry<String, CompiledExpression>> expressions = new ArrayList<>();
        plan.filter().ifPresent(e -> expressions.add(Map.entry(Problem.FILTER, e)));
        plan.outputFilter().ifPresent(e -> expressions.add(Map.entry(Problem.OUTPUT_FILTER, e)));
        for (JoinPlan j : plan.joins()) {
            for (CompiledExpression e : j.leftKeys()) {
                expressions.add(Map.entry(j.element(), e));
            }
            for (CompiledExpression e : j.rightKeys()) {
                expressions.add(Map.entry(j.element(), e));
            }
        }
        for (Field f : m.targetSchema().allFields()) {
            Optional<CompiledExpression> e = plan.expression(f.id());
            e.ifPresent(x -> expressions.add(Map.entry(f.id(), x)));
        }
        for (Map.Entry<String, CompiledExpression> entry : expressions) {
            String element = entry.getKey();
            CompiledExpression e = entry.getValue();
            try {
                Translator t = new Translator(e.text(), ref -> col("s" + ref.slot()), a -> Val.of(lit(null)), context);
                t.translate(e.tree());
            } catch (IllegalStateException x) {
                out.add(Problem.error(new Problem.Location(m.id(), element, 0, e.text().length()), "the Spark engine cannot run `"
                        + e.text() + "`: " + x.getMessage(), "run this mapping with the local engine"));
            }
            for (Map.Entry<String, ExpressionTree> u : new LinkedHashMap<>(context.udfFunctions()).entrySet()) {
                ExpressionTree call = u.getValue();
                out.add(Problem.warning(new Problem.Location(m.id(), element, call.start(), call.end()),
                        "function " + u.getKey() + "() has no exact Spark equivalent for this call: the Spark engine runs Mapwright's own "
                                + "implementation of it as a Java UDF (same results, but Spark cannot optimize it)",
                        null));
            }
            context.udfFunctions().clear();
        }
        for (int i = 0; i < m.outputs().size(); i++) {
            OutputDef o = m.outputs().get(i);
            if (!Outputs.native_(o, m.targetSchema())) {
                out.add(Problem.warning(Problem.Location.of(m.id(), Problem.output(i)), "output '" + o.id() + "' (" + o.connector()
                        + ") is written by the Spark driver through Mapwright's " + o.connector()
                        + " connector, one row after the other, not by the executors",
                        "for large outputs use csv (UTF-8), json or parquet"));
            }
        }
    }

    private static void source(MappingDef m, SourceDef s, String element, List<Problem> out) {
        Problem.Location at = Problem.Location.of(m.id(), element);
        switch (s.connector()) {
            case "csv": {
                CsvSettings cs;
                try {
                    cs = CsvSettings.parse(s.settings());
                } catch (IllegalArgumentException e) {
                    return;
                }
                if (cs.skipLines() > 0) {
                    out.add(Problem.error(at, "source '" + s.name() + "': the Spark engine's CSV reader cannot skip lines (skipLines "
                            + cs.skipLines() + ")", "remove the lines from the file, or run with the local engine"));
                }
                if (cs.escape() != null) {
                    out.add(Problem.error(at, "source '" + s.name() + "': Spark's CSV reader treats escape characters differently "
                            + "from Mapwright's (escape " + CsvSettings.text(cs.escape()) + ")", "run with the local engine"));
                }
                if (cs.failOnError()) {
                    out.add(Problem.error(at, "source '" + s.name() + "': onError=fail is not supported by the Spark engine",
                            "use onError=reject with maxRejectedRows 0"));
                }
                if (cs.nullValue() != null) {
                    out.add(Problem.warning(at, "source '" + s.name() + "': Spark's CSV reader also reads the null text '" + cs.nullValue()
                            + "' in quotes as null (Mapwright reads a quoted value as text)", null));
                }
                return;
            }
            case "json": {
                String format = s.settings().getString("format", "");
                if (format.equalsIgnoreCase("document") || s.settings().has("recordPath")) {
                    out.add(Problem.error(at, "source '" + s.name() + "': the Spark engine reads JSON arrays and NDJSON, not documents "
                            + "with a record path", "run with the local engine"));
                }
                if (s.settings().getString("onError", "reject").trim().equalsIgnoreCase("fail")) {
                    out.add(Problem.error(at, "source '" + s.name() + "': onError=fail is not supported by the Spark engine",
                            "use onError=reject with maxRejectedRows 0"));
                }
                return;
            }
            case "jdbc":
                if (s.settings().has("driverJar")) {
                    out.add(Problem.error(at, "source '" + s.name() + "': the Spark engine reads only H2 and PostgreSQL databases",
                            "run with the local engine"));
                }
                return;
            default:
                out.add(Problem.error(at, "source '" + s.name() + "': the Spark engine has no reader for " + s.connector() + " sources",
                        "convert it to CSV or JSON, or run with the local engine"));
        }
    }
}
