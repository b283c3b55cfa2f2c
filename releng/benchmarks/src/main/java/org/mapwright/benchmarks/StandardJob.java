package org.mapwright.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.Ids;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.io.ProjectIO;

/**
 * The standard job as a Mapwright project: customers left-joined to countries on the country
 * code ('Unknown' on a miss), rows with a quantity of 0 filtered out, nine output columns written
 * to a CSV file with header. The Commons CSV and DuckDB references implement exactly this.
 */
final class StandardJob {

    static final String PROJECT_NAME = "benchmark-standard-job";
    static final String MAPPING_NAME = "customers";
    static final String CUSTOMERS = "customers.csv";
    static final String COUNTRIES = "countries.csv";

    /** Output columns, in order, shared by every implementation of the job. */
    static final List<String> OUTPUT_COLUMNS = List.of("id", "name", "email", "country", "region", "signup", "birth", "total",
            "status");

    /** Target field name to expression; checked against FUNCTIONS.md and EXPRESSIONS.md. */
    static final Map<String, String> EXPRESSIONS = Map.of(
            "id", "id",
            "name", "trim(first) || ' ' || upper(trim(last))",
            "email", "lower(email)",
            "country", "coalesce(countries.name, 'Unknown')",
            "region", "coalesce(countries.region, 'Unknown')",
            "signup", "signup",
            "birth", "parse_date(birth, 'dd/MM/yyyy')",
            "total", "round(amount * quantity, 2)",
            "status", "CASE status WHEN 'A' THEN 'active' WHEN 'S' THEN 'suspended' WHEN 'C' THEN 'closed' ELSE 'unknown' END");

    static final String FILTER = "quantity > 0";

    /** Folder (in the data folder) of the project that reads the customers from the workbook. */
    static final String XLSX_PROJECT = "xlsx-job";

    private StandardJob() {
    }

    /**
     * Writes {@code mapwright.json} into {@code folder}; sources and output are relative to it.
     *
     * @param output output path relative to the folder
     */
    static Path write(Path folder, String output) throws IOException {
        new ProjectIO().write(project(output), folder);
        return ProjectIO.projectFile(folder);
    }

    /**
     * Writes the workbook variant into {@code dataFolder/}{@value #XLSX_PROJECT}{@code /mapwright.json}:
     * the same job with the customers read from {@code ../customers.xlsx}.
     *
     * @param output output path relative to the project folder
     * @return the project folder
     */
    static Path writeXlsx(Path dataFolder, String output) throws IOException {
        Path folder = dataFolder.resolve(XLSX_PROJECT);
        Project p = project(output, "../", "excel",
                // the layout completed as the workbench saves it after inspecting: no detection per run
                Settings.of(Map.of("path", "../" + Dataset.XLSX, "sheet", XlsxGenerator.SHEET, "header", true, "headerRow", 1,
                        "firstRow", 2)));
        Files.createDirectories(folder);
        new ProjectIO().write(p, folder);
        return folder;
    }

    static Project project(String output) {
        return project(output, "", "csv", null);
    }

    /**
     * @param prefix           prefix of the lookup's path (relative to the project folder)
     * @param kind             connector of the customers
     * @param customerSettings settings of the customer source, or null for the CSV
     */
    private static Project project(String output, String prefix, String kind, Settings customerSettings) {
        Ids ids = new Ids(new Random(20240917L));
        // The dialect is given in full, as the workbench saves it after inspecting: no sniffing per run.
        Settings csv = Settings.of(Map.of("delimiter", ",", "quote", "\"", "header", true, "encoding", "UTF-8"));
        Schema customers = schema(ids, new Object[][] {
                { "id", DataType.INTEGER }, { "first", DataType.TEXT }, { "last", DataType.TEXT }, { "email", DataType.TEXT },
                { "country_code", DataType.TEXT }, { "signup", DataType.DATE }, { "birth", DataType.TEXT },
                { "amount", DataType.DECIMAL }, { "quantity", DataType.INTEGER }, { "status", DataType.TEXT },
                { "notes", DataType.TEXT }, { "city", DataType.TEXT } });
        Schema countries = schema(ids, new Object[][] {
                { "code", DataType.TEXT }, { "name", DataType.TEXT }, { "region", DataType.TEXT } });
        SourceDef customerSource = new SourceDef(ids.next("src"), "customers", kind,
                customerSettings != null ? customerSettings : csv.with("path", CUSTOMERS), customers);
        SourceDef countrySource = new SourceDef(ids.next("src"), "countries", "csv", csv.with("path", prefix + COUNTRIES), countries);
        Schema target = schema(ids, new Object[][] {
                { "id", DataType.INTEGER }, { "name", DataType.TEXT }, { "email", DataType.TEXT }, { "country", DataType.TEXT },
                { "region", DataType.TEXT }, { "signup", DataType.DATE }, { "birth", DataType.DATE },
                { "total", DataType.DECIMAL }, { "status", DataType.TEXT } });
        List<FieldMapping> mappings = new ArrayList<>();
        for (Field f : target.fields()) {
            mappings.add(new FieldMapping(f.id(), EXPRESSIONS.get(f.name())));
        }
        JoinDef join = new JoinDef(countrySource.id(), JoinDef.Kind.LEFT, List.of(new JoinDef.Key("country_code", "code")));
        OutputDef out = new OutputDef(ids.next("out"), "csv", Settings.of(Map.of("path", output, "header", true)));
        MappingDef mapping = new MappingDef(ids.next("map"), MAPPING_NAME, customerSource.id(), List.of(join), FILTER, target,
                mappings, null, List.of(), -1, -1, List.of(out));
        return new Project(PROJECT_NAME, List.of(customerSource, countrySource), List.of(mapping));
    }

    private static Schema schema(Ids ids, Object[][] fields) {
        List<Field> out = new ArrayList<>();
        for (Object[] f : fields) {
            out.add(Field.of(ids.next("f"), (String) f[0], (DataType) f[1]));
        }
        return Schema.of(out);
    }
}
