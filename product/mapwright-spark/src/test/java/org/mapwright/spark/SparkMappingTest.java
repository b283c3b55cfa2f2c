package org.mapwright.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mapwright.spark.Projects.csv;
import static org.mapwright.spark.Projects.field;
import static org.mapwright.spark.Projects.mapping;
import static org.mapwright.spark.Projects.output;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.RuleDef;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunStatus;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.RunOptions;
import org.mapwright.runtime.StandardConnectors;

/**
 * Mappings the golden cases do not cover, run on both engines and compared file by file
 * ({@link OutputComparison}), and the outputs only Spark writes.
 */
class SparkMappingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

    private Path dir;

    @BeforeEach
    void folder() throws Exception {
        dir = Files.createTempDirectory("mapwright-spark-mapping-");
    }

    @AfterEach
    void clean() throws Exception {
        GoldenConformanceTest.delete(dir);
    }

    private static final String CUSTOMERS = """
            id,name,country,amount,signup
            1,Ann,FR,10.50,2024-01-05
            2,Bob,DE,3.25,2024-02-10
            3,Cy,XX,100,2024-03-15
            4,Dee,FR,7.10,2024-04-20
            5,Eve,DE,12,2024-05-25
            6,Fay,FR,10.5,2024-06-30
            7,Gus,JP,-1,2024-07-01
            8,Hal,,0.000,2024-08-12
            """;

    private static final String COUNTRIES = """
            code,name,region
            FR,France,Europe
            DE,Germany,Europe
            JP,Japan,Asia
            FR,Frankreich,Europe
            """;

    private static SourceDef customers() {
        return csv("customers", "customers.csv", field("id", DataType.INTEGER), field("name", DataType.TEXT),
                field("country", DataType.TEXT), field("amount", DataType.DECIMAL), field("signup", DataType.DATE));
    }

    private static SourceDef countries() {
        return csv("countries", "countries.csv", field("code", DataType.TEXT), field("name", DataType.TEXT),
                field("region", DataType.TEXT));
    }

    private void conforms(List<SourceDef> sources, List<MappingDef> mappings, Map<String, String> files) throws Exception {
        Path project = Projects.write(dir.resolve("project"), sources, mappings, files);
        TestSpark.session();
        GoldenConformanceTest.run(project, dir.resolve("local"), false);
        GoldenConformanceTest.run(project, dir.resolve("spark"), true);
        List<String> differences = OutputComparison.compare(dir.resolve("local"), dir.resolve("spark"));
        if (!differences.isEmpty()) {
            fail("Spark differs from the local engine:\n" + String.join("\n", differences));
        }
    }

    @Test
    void looksUpValuesAndChecksUniqueReferenceAndAllowedRulesLikeTheLocalEngine() throws Exception {
        SourceDef customers = customers();
        SourceDef countries = countries();
        MappingDef m = mapping("checked", customers)
                .target("id", DataType.INTEGER, "id")
                .target("country", DataType.TEXT, "lookup('countries', 'code', country, 'name', 'Unknown')")
                .target("amount", DataType.DECIMAL, "amount")
                .target("bucket", DataType.TEXT, "CASE WHEN amount > 10 THEN 'big' ELSE 'small' END")
                .rule("r_unique", "amount", RuleDef.Kind.UNIQUE, RuleDef.Action.REJECT, Map.of())
                .rule("r_ref", "country", RuleDef.Kind.REFERENCE, RuleDef.Action.WARN, Map.of("source", "countries", "field", "name"))
                .rule("r_range", "amount", RuleDef.Kind.RANGE, RuleDef.Action.REJECT, Map.of("min", 0))
                .output(output("o1", "csv", "out/checked.csv")).output(output("o2", "json", "out/checked.ndjson"))
                .build();
        conforms(List.of(customers, countries), List.of(m), Map.of("customers.csv", CUSTOMERS, "countries.csv", COUNTRIES));
    }

    @Test
    void joinsAggregatesAndFiltersGroupsLikeTheLocalEngine() throws Exception {
        SourceDef customers = customers();
        SourceDef countries = countries();
        MappingDef m = mapping("by region", customers)
                .join(countries, JoinDef.Kind.LEFT, "country", "code")
                .filter("amount >= 0")
                .target("region", DataType.TEXT, "coalesce(region, 'none')")
                .target("n", DataType.INTEGER, "count(*)")
                .target("names", DataType.TEXT, "string_agg(customers.name, '|')")
                .target("avg", DataType.DECIMAL, "avg(amount)")
                .target("first", DataType.DATE, "first(signup)")
                .target("last", DataType.TEXT, "last(customers.name)")
                .target("distinct", DataType.INTEGER, "count(DISTINCT amount)")
                .outputFilter("n > 1")
                .rule("r_max", "avg", RuleDef.Kind.RANGE, RuleDef.Action.REJECT, Map.of("max", 30))
                .output(output("o", "csv", "out/regions.csv"))
                .build();
        conforms(List.of(customers, countries), List.of(m), Map.of("customers.csv", CUSTOMERS, "countries.csv", COUNTRIES));
    }

    @Test
    void rejectsOverThePercentThresholdFailTheMappingWithTheLocalMessage() throws Exception {
        SourceDef customers = customers();
        MappingDef m = mapping("strict", customers)
                .target("id", DataType.INTEGER, "id")
                .target("ratio", DataType.DECIMAL, "100 / amount")
                .thresholds(-1, 10)
                .output(output("o", "csv", "out/strict.csv"))
                .build();
        conforms(List.of(customers), List.of(m), Map.of("customers.csv", CUSTOMERS));
    }

    /** Many partitions: record and line numbers of rejects, and the row order of outputs, still match. */
    @Test
    void numbersRecordsAcrossPartitionsLikeTheLocalReader() throws Exception {
        StringBuilder b = new StringBuilder("id,name,country,amount,signup\n");
        for (int i = 1; i <= 6000; i++) {
            String amount = i % 997 == 0 ? "oops" : i % 13 + "." + i % 100;
            // a line with one field too many is a bad record for both readers
            String name = i % 1499 == 0 ? "extra,field" : "name " + i;
            b.append(i).append(',').append(name).append(",FR,").append(amount).append(",2024-01-0").append(1 + i % 9).append('\n');
        }
        SourceDef customers = customers();
        MappingDef m = mapping("big", customers)
                .target("id", DataType.INTEGER, "id")
                .target("twice", DataType.DECIMAL, "amount * 2")
                .target("name", DataType.TEXT, "upper(name)")
                .output(output("o", "csv", "out/big.csv"))
                .build();
        String before = TestSpark.session().conf().get("spark.sql.files.maxPartitionBytes");
        TestSpark.session().conf().set("spark.sql.files.maxPartitionBytes", "32768");
        try {
            conforms(List.of(customers), List.of(m), Map.of("customers.csv", b.toString()));
        } finally {
            TestSpark.session().conf().set("spark.sql.files.maxPartitionBytes", before);
        }
    }

    /** Parquet is the Spark engine's own output: a folder of part files with the fields' names and decimal scale. */
    @Test
    void writesParquetWithTheFieldsNamesAndExactDecimals() throws Exception {
        SourceDef customers = customers();
        Field address = Field.of("t_address", "address", DataType.RECORD).withChildren(List.of(Field.of("t_cc", "country", DataType.TEXT)));
        MappingDef m = new MappingDef("m_parquet", "parquet", customers.id(), List.of(), null,
                Schema.of(List.of(Field.of("t_id", "id", DataType.INTEGER), Field.of("t_amount", "amount", DataType.DECIMAL), address)),
                List.of(new org.mapwright.core.FieldMapping("t_id", "id"), new org.mapwright.core.FieldMapping("t_amount", "amount"),
                        new org.mapwright.core.FieldMapping("t_cc", "country")), null, List.of(), -1, -1,
                List.of(new org.mapwright.core.OutputDef("p", "parquet", Settings.of(Map.of("path", "out/customers.parquet")))));
        Path project = Projects.write(dir.resolve("project"), List.of(customers), List.of(m), Map.of("customers.csv", CUSTOMERS));
        TestSpark.session();
        MapwrightRuntime runtime = new MapwrightRuntime(StandardConnectors.registry(), CredentialStore.NONE, CLOCK);
        RunReport report = runtime.run(project, RunOptions.defaults().withOutputDirectory(dir.resolve("out")), new SparkBackend(), Map.of());
        assertEquals(RunStatus.SUCCEEDED, report.status(), String.valueOf(report.error()));
        Path parquet = dir.resolve("out/out/customers.parquet");
        assertTrue(Files.isDirectory(parquet), parquet + " is a folder of parts");
        Dataset<Row> back = TestSpark.session().read().parquet(parquet.toString()).orderBy("id");
        assertEquals(List.of("id", "amount", "address"), List.of(back.columns()));
        assertEquals(DataTypes.createDecimalType(6, 3), back.schema().apply("amount").dataType(),
                "the largest scale (0.000) and integer part (100) fit");
        List<Row> rows = back.collectAsList();
        assertEquals(8, rows.size());
        assertEquals(0, new BigDecimal("10.5").compareTo(rows.get(0).getDecimal(1)));
        assertEquals("FR", rows.get(0).getStruct(2).getString(0));
        assertTrue(rows.get(7).getStruct(2).isNullAt(0), "an empty value stays null");
    }

    /** Cancelling the run cancels the mapping's Spark jobs: the run ends CANCELLED and publishes nothing. */
    @Test
    void cancellingTheRunCancelsTheSparkJobsAndPublishesNothing() throws Exception {
        SourceDef customers = csv("customers", "customers.csv", field("id", DataType.INTEGER), field("name", DataType.TEXT));
        MappingDef m = mapping("copy", customers).target("id", DataType.INTEGER, "id").target("name", DataType.TEXT, "upper(name)")
                .output(output("o", "csv", "out/copy.csv")).build();
        Path project = Projects.write(dir.resolve("project"), List.of(customers), List.of(m), Map.of("customers.csv", CUSTOMERS));
        TestSpark.session();
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        org.mapwright.core.connector.ProgressMonitor monitor = new org.mapwright.core.connector.ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
                cancelled.set(true); // the user cancels as soon as the mapping starts
            }

            @Override
            public void worked(long work) {
            }

            @Override
            public boolean isCanceled() {
                return cancelled.get();
            }
        };
        MapwrightRuntime runtime = new MapwrightRuntime(StandardConnectors.registry(), CredentialStore.NONE, CLOCK);
        RunReport report = runtime.run(project, RunOptions.defaults().withOutputDirectory(dir.resolve("out")).withMonitor(monitor),
                new SparkBackend(), Map.of());
        assertEquals(RunStatus.CANCELLED, report.status(), String.valueOf(report.error()));
        assertTrue(Files.notExists(dir.resolve("out/out/copy.csv")), "nothing is published");
        // the shared session is still usable: only the mapping's job group was cancelled
        assertEquals(1L, TestSpark.session().range(1).count());
    }

    /** A database table as source (Spark's JDBC reader) and as output (written through the driver). */
    @Test
    void readsAndWritesDatabaseTablesLikeTheLocalEngine() throws Exception {
        Path db = dir.resolve("db");
        try (Connection c = DriverManager.getConnection("jdbc:h2:" + db.resolve("shop") + ";AUTO_SERVER=FALSE", "sa", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40), total DECIMAL(10,2), placed DATE)");
            st.execute("INSERT INTO orders VALUES (1, 'Ann', 10.50, DATE '2024-01-05'), (2, 'Bob', 3.00, DATE '2024-02-10'),"
                    + " (3, NULL, 100.00, NULL)");
        }
        SourceDef orders = new SourceDef("s_orders", "orders", "jdbc", Settings.of(Map.of("driver", "h2",
                "path", db.resolve("shop").toString(), "user", "sa", "table", "ORDERS")),
                Schema.of(List.of(Field.of("f_id", "ID", DataType.INTEGER), Field.of("f_c", "CUSTOMER", DataType.TEXT),
                        Field.of("f_t", "TOTAL", DataType.DECIMAL), Field.of("f_p", "PLACED", DataType.DATE))));
        MappingDef m = mapping("orders copy", orders)
                .target("id", DataType.INTEGER, "ID")
                .target("customer", DataType.TEXT, "coalesce(CUSTOMER, '?')")
                .target("total", DataType.DECIMAL, "TOTAL * 2")
                .target("placed", DataType.TEXT, "PLACED")
                .output(output("o", "csv", "out/orders.csv"))
                .output(new org.mapwright.core.OutputDef("t", "jdbc", Settings.of(Map.of("driver", "h2",
                        "path", db.resolve("copy").toString(), "user", "sa", "table", "ORDERS_COPY"))))
                .build();
        conforms(List.of(orders), List.of(m), Map.of());
        String local = Files.readString(dir.resolve("local/out/orders.csv"), StandardCharsets.UTF_8);
        assertTrue(local.contains("1,Ann,21.00,2024-01-05"), local);
        // the Spark run wrote the table last, through the JDBC connector on the driver
        try (Connection c = DriverManager.getConnection("jdbc:h2:" + db.resolve("copy"), "sa", "");
                Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT \"id\", \"customer\", \"total\" FROM ORDERS_COPY ORDER BY \"id\"")) {
            StringBuilder rows = new StringBuilder();
            while (rs.next()) {
                rows.append(rs.getLong(1)).append(' ').append(rs.getString(2)).append(' ')
                        .append(rs.getBigDecimal(3).stripTrailingZeros().toPlainString()).append(';');
            }
            assertEquals("1 Ann 21;2 Bob 6;3 ? 200;", rows.toString());
        }
    }
}
