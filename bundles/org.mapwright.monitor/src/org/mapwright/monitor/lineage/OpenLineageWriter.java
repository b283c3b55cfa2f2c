package org.mapwright.monitor.lineage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.mapwright.core.Field;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Schema;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.RunStatus;
import org.mapwright.internal.monitor.Json;
import org.mapwright.monitor.history.RunIds;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a project's lineage as OpenLineage run events ({@code LINEAGE-FORMAT.md}): one
 * {@code RunEvent} per mapping, whose job is {@code <project>/<mapping>} and whose parent is the
 * project run. Inputs are the sources the mapping reads, outputs its outputs, each with a
 * {@code schema} facet; every output carries the {@code columnLineage} facet (per target field its
 * source fields; joins, filters and grouping as dataset-wide {@code INDIRECT} inputs). For a run
 * report, the event type follows each mapping's status and outputs get row counts. Keys are
 * written in a fixed order, so equal input gives equal bytes.
 */
public final class OpenLineageWriter {

    /** Schema of the events. */
    public static final String RUN_EVENT_SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    static final String SCHEMA_FACET = "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
    static final String DATASOURCE_FACET = "https://openlineage.io/spec/facets/1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet";
    static final String COLUMN_LINEAGE_FACET = "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet";
    static final String PARENT_FACET = "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet";
    static final String JOB_TYPE_FACET = "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet";
    static final String ERROR_FACET = "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";
    static final String OUTPUT_STATISTICS_FACET =
            "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet";

    /**
     * How events are named and stamped.
     *
     * @param jobNamespace the jobs' namespace, e.g. {@code mapwright}
     * @param producer     URI of the producing software, in every event and facet
     * @param runId        the project run's id; null means: derived from the run report
     *                     ({@link RunIds#of}), or a random one without a report
     * @param eventTime    the events' time; null means: the report's end time, or now without one
     */
    public record Options(String jobNamespace, String producer, UUID runId, Instant eventTime) {
        public Options {
            Objects.requireNonNull(jobNamespace, "jobNamespace");
            Objects.requireNonNull(producer, "producer");
        }

        /** Namespace {@code mapwright}, the given producer, run id and time from the report or fresh. */
        public static Options defaults(String producer) {
            return new Options("mapwright", producer, null, null);
        }

        public Options withRunId(UUID id) {
            return new Options(jobNamespace, producer, id, eventTime);
        }

        public Options withEventTime(Instant time) {
            return new Options(jobNamespace, producer, runId, time);
        }

        public Options withJobNamespace(String namespace) {
            return new Options(namespace, producer, runId, eventTime);
        }
    }

    private final DatasetNaming naming;
    private final Options options;

    /**
     * @param naming  names the sources and outputs
     * @param options naming and stamping of the events
     */
    public OpenLineageWriter(DatasetNaming naming, Options options) {
        this.naming = Objects.requireNonNull(naming, "naming");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @param report a run of the project, or null for the lineage of the project as designed
     *               (then every event is {@code COMPLETE})
     * @return the events as one pretty-printed JSON array: one event per mapping of the report
     *         (in run order), or per mapping of the project
     */
    public String toJson(ProjectLineage lineage, RunReport report) {
        List<Event> events = events(lineage, report);
        return Json.pretty(g -> {
            g.writeStartArray();
            for (Event e : events) {
                write(g, e);
            }
            g.writeEndArray();
        });
    }

    /** @return the same events, one compact JSON object per line (the OpenLineage file transport's form) */
    public String toJsonLines(ProjectLineage lineage, RunReport report) {
        StringBuilder b = new StringBuilder();
        for (Event e : events(lineage, report)) {
            b.append(Json.compact(g -> write(g, e)));
        }
        return b.toString();
    }

    private record Event(String eventType, Instant time, UUID runId, UUID parentRunId, MappingLineage mapping, MappingReport run,
            String projectName) {
    }

    private List<Event> events(ProjectLineage lineage, RunReport report) {
        UUID parent = options.runId() != null ? options.runId() : report != null ? RunIds.of(report) : UUID.randomUUID();
        Instant time = (options.eventTime() != null ? options.eventTime() : report != null ? report.end() : Instant.now())
                .truncatedTo(ChronoUnit.MILLIS);
        String project = lineage.project().name();
        List<Event> out = new ArrayList<>();
        if (report == null) {
            for (MappingLineage m : lineage.mappings()) {
                out.add(new Event("COMPLETE", time, child(parent, m), parent, m, null, project));
            }
            return out;
        }
        for (MappingReport r : report.mappings()) {
            Optional<MappingLineage> m = lineage.mapping(r.mappingId());
            m.ifPresent(ml -> out.add(new Event(eventType(r.status()), time, child(parent, ml), parent, ml, r, project)));
        }
        return out;
    }

    private static UUID child(UUID parent, MappingLineage m) {
        return UUID.nameUUIDFromBytes((parent + "/" + m.mapping().id()).getBytes(StandardCharsets.UTF_8));
    }

    private static String eventType(RunStatus status) {
        switch (status) {
            case SUCCEEDED:
                return "COMPLETE";
            case FAILED:
            case FAILED_DATA:
                return "FAIL";
            default:
                return "ABORT";
        }
    }

    private void write(JsonGenerator g, Event e) throws IOException {
        MappingLineage m = e.mapping();
        g.writeStartObject();
        g.writeStringField("eventType", e.eventType());
        g.writeStringField("eventTime", DateTimeFormatter.ISO_INSTANT.format(e.time()));
        g.writeObjectFieldStart("run");
        g.writeStringField("runId", e.runId().toString());
        g.writeObjectFieldStart("facets");
        g.writeObjectFieldStart("parent");
        facetHeader(g, PARENT_FACET);
        g.writeObjectFieldStart("run");
        g.writeStringField("runId", e.parentRunId().toString());
        g.writeEndObject();
        g.writeObjectFieldStart("job");
        g.writeStringField("namespace", options.jobNamespace());
        g.writeStringField("name", e.projectName());
        g.writeEndObject();
        g.writeEndObject();
        if (e.run() != null && e.run().error() != null) {
            g.writeObjectFieldStart("errorMessage");
            facetHeader(g, ERROR_FACET);
            g.writeStringField("message", e.run().error());
            g.writeStringField("programmingLanguage", "JAVA");
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("job");
        g.writeStringField("namespace", options.jobNamespace());
        g.writeStringField("name", e.projectName() + "/" + m.mapping().name());
        g.writeObjectFieldStart("facets");
        g.writeObjectFieldStart("jobType");
        facetHeader(g, JOB_TYPE_FACET);
        g.writeStringField("processingType", "BATCH");
        g.writeStringField("integration", "MAPWRIGHT");
        g.writeStringField("jobType", "MAPPING");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeArrayFieldStart("inputs");
        for (SourceDef s : m.sources()) {
            DatasetId id = naming.source(s);
            g.writeStartObject();
            g.writeStringField("namespace", id.namespace());
            g.writeStringField("name", id.name());
            g.writeObjectFieldStart("facets");
            schema(g, s.schema());
            dataSource(g, id);
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("outputs");
        for (OutputDef o : m.mapping().outputs()) {
            DatasetId id = naming.output(o);
            g.writeStartObject();
            g.writeStringField("namespace", id.namespace());
            g.writeStringField("name", id.name());
            g.writeObjectFieldStart("facets");
            schema(g, m.mapping().targetSchema());
            dataSource(g, id);
            columnLineage(g, m);
            g.writeEndObject();
            if (e.run() != null && e.run().status() == RunStatus.SUCCEEDED) {
                g.writeObjectFieldStart("outputFacets");
                g.writeObjectFieldStart("outputStatistics");
                facetHeader(g, OUTPUT_STATISTICS_FACET);
                g.writeNumberField("rowCount", e.run().rowsWritten());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("producer", options.producer());
        g.writeStringField("schemaURL", RUN_EVENT_SCHEMA);
        g.writeEndObject();
    }

    private void facetHeader(JsonGenerator g, String schemaUrl) throws IOException {
        g.writeStringField("_producer", options.producer());
        g.writeStringField("_schemaURL", schemaUrl);
    }

    private void schema(JsonGenerator g, Schema schema) throws IOException {
        g.writeObjectFieldStart("schema");
        facetHeader(g, SCHEMA_FACET);
        fields(g, schema.fields());
        g.writeEndObject();
    }

    private static void fields(JsonGenerator g, List<Field> fields) throws IOException {
        g.writeArrayFieldStart("fields");
        for (Field f : fields) {
            g.writeStartObject();
            g.writeStringField("name", f.name());
            g.writeStringField("type", f.repeated() ? "array<" + f.type().id() + ">" : f.type().id());
            if (!f.children().isEmpty()) {
                fields(g, f.children());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void dataSource(JsonGenerator g, DatasetId id) throws IOException {
        g.writeObjectFieldStart("dataSource");
        facetHeader(g, DATASOURCE_FACET);
        g.writeStringField("name", id.namespace());
        g.writeStringField("uri", id.uri());
        g.writeEndObject();
    }

    private void columnLineage(JsonGenerator g, MappingLineage m) throws IOException {
        g.writeObjectFieldStart("columnLineage");
        facetHeader(g, COLUMN_LINEAGE_FACET);
        g.writeObjectFieldStart("fields");
        for (FieldLineage f : m.fields()) {
            if (f.inputs().isEmpty()) {
                continue;
            }
            g.writeObjectFieldStart(f.path());
            g.writeArrayFieldStart("inputFields");
            inputFields(g, m, f.inputs());
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeArrayFieldStart("dataset");
        inputFields(g, m, m.datasetInputs());
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Writes one entry per source field with all its transformations, in order of first appearance. */
    private void inputFields(JsonGenerator g, MappingLineage m, List<FieldInput> inputs) throws IOException {
        Map<SourceField, List<Transformation>> grouped = new LinkedHashMap<>();
        for (FieldInput in : inputs) {
            grouped.computeIfAbsent(in.field(), k -> new ArrayList<>()).add(in.transformation());
        }
        for (Map.Entry<SourceField, List<Transformation>> e : grouped.entrySet()) {
            SourceDef s = m.sources().stream().filter(x -> x.id().equals(e.getKey().sourceId())).findFirst().orElse(null);
            if (s == null) {
                continue;
            }
            DatasetId id = naming.source(s);
            g.writeStartObject();
            g.writeStringField("namespace", id.namespace());
            g.writeStringField("name", id.name());
            g.writeStringField("field", e.getKey().path());
            g.writeArrayFieldStart("transformations");
            for (Transformation t : e.getValue()) {
                g.writeStartObject();
                g.writeStringField("type", t.type().name());
                g.writeStringField("subtype", t.subtype());
                g.writeStringField("description", t.description());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
