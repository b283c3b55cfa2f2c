package org.mapwright.ui.sources.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.connector.csv.CsvConnector;
import org.mapwright.connector.jdbc.JdbcConnector;
import org.mapwright.core.Field;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.profile.FieldProfile;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.Selection;
import org.mapwright.ui.sources.Databases;
import org.mapwright.ui.sources.SourcesTest;

class ProfilePartTest {

    @TempDir
    Path temp;

    private SourcesTest ui;
    private SourceDef people;

    @BeforeEach
    void open() throws Exception {
        ui = new SourcesTest(temp);
        StringBuilder csv = new StringBuilder("id,name,email,age\n");
        for (int i = 1; i <= 40; i++) {
            csv.append(i).append(",person ").append(i % 7).append(',').append(i % 5 == 0 ? "" : "p" + i + "@example.com").append(',')
                    .append(i % 10 == 0 ? "" : String.valueOf(18 + i)).append('\n');
        }
        Files.writeString(ui.projectDir.resolve("data/people.csv"), csv);
        people = add("src_people", "people", "data/people.csv");
    }

    private SourceDef add(String id, String name, String path) throws Exception {
        Inspection in = new CsvConnector().inspect(ConnectorContext.of(ui.projectDir), Settings.empty().with("path", path), InspectOptions.DEFAULTS,
                ProgressMonitor.NONE);
        SourceDef s = new SourceDef(id, name, "csv", in.settings(), in.schema());
        ui.session.execute("add", ProjectEdits.addSource(s));
        return s;
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private String fieldId(SourceDef s, String name) {
        return s.schema().fields().stream().filter(f -> f.name().equals(name)).map(Field::id).findFirst().orElseThrow();
    }

    @Test
    void profilesTheSelectedSourceAndShowsAFieldsStatisticsAndCharts() {
        ProfilePart part = ui.part(ProfilePart.class);
        assertFalse(part.runButton().isEnabled(), "nothing selected yet");
        ui.session.select(new Selection.Source(people.id()), this);
        assertTrue(part.titleText().startsWith("Source 'people'"), part.titleText());
        part.runButton().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> !part.busy() && part.profile() != null, "the profile is computed");
        assertEquals(40, part.profile().records());
        assertEquals(4, part.fieldsTable().getItemCount());
        assertTrue(part.titleText().contains("40 records"), part.titleText());

        ui.session.select(new Selection.SourceField(people.id(), fieldId(people, "email")), this);
        assertEquals(2, part.fieldsTable().getSelectionIndex(), "selecting a field of the profiled source shows it without reading again");
        String details = part.detailsText();
        assertTrue(details.contains("e-mail 32"), details);
        assertTrue(details.contains("8 null") || details.contains("8 empty"), details);
        assertEquals(List.of("null", "empty", "invalid", "valid"), part.sharesChart().getCategories());

        ui.session.select(new Selection.SourceField(people.id(), fieldId(people, "age")), this);
        FieldProfile age = (FieldProfile) part.fieldsTable().getItem(part.fieldsTable().getSelectionIndex()).getData();
        assertEquals("age", age.name());
        assertEquals(4, age.nullCount());
        assertTrue(part.detailsText().contains("Range 19 … 57"), part.detailsText());
        assertFalse(part.histogramChart().getCategories().isEmpty(), "a numeric field has a histogram");
        double counted = 0;
        for (double v : part.histogramChart().getSeries().get(0).values()) {
            counted += v;
        }
        assertEquals(36, counted, "the histogram counts every non-null age");

        ui.session.select(new Selection.SourceField(people.id(), fieldId(people, "id")), this);
        assertTrue(part.topValuesChart().getCategories().isEmpty(), "values seen once are not top values");
        assertFalse(part.detailsText().contains("Top values"), part.detailsText());
        ui.session.select(new Selection.SourceField(people.id(), fieldId(people, "name")), this);
        assertEquals(7, part.topValuesChart().getCategories().size(), "seven names repeat");
        assertTrue(part.histogramChart().getCategories().isEmpty(), "text has no histogram");
    }

    @Test
    void profilesOnlyTheSelectedField() {
        ProfilePart part = ui.part(ProfilePart.class);
        ui.session.select(new Selection.SourceField(people.id(), fieldId(people, "age")), this);
        assertTrue(part.titleText().startsWith("Field 'age' of 'people'"), part.titleText());
        part.runButton().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> !part.busy() && part.profile() != null, "the profile is computed");
        assertEquals(List.of("age"), part.profile().fields().stream().map(FieldProfile::name).toList());
    }

    @Test
    void cancelsALongProfileAndKeepsNoResult() throws Exception {
        Path big = ui.projectDir.resolve("data/big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(big)) {
            w.write("id,value,label\n");
            for (int i = 0; i < 400_000; i++) {
                w.write(i + "," + (i * 7 % 1000) + ",label " + (i % 100) + "\n");
            }
        }
        SourceDef s = add("src_big", "big", "data/big.csv");
        ProfilePart part = ui.part(ProfilePart.class);
        ui.session.select(new Selection.Source(s.id()), this);
        part.runButton().notifyListeners(SWT.Selection, new Event());
        assertTrue(part.busy());
        assertTrue(part.cancelButton().isEnabled());
        part.cancelButton().notifyListeners(SWT.Selection, new Event());
        assertFalse(part.busy());
        assertFalse(part.cancelButton().isEnabled());
        assertTrue(part.runButton().isEnabled());
        ui.waitUntil(() -> org.eclipse.core.runtime.jobs.Job.getJobManager().find(null).length == 0
                || java.util.Arrays.stream(org.eclipse.core.runtime.jobs.Job.getJobManager().find(null)).noneMatch(j -> j.getName().startsWith("Profile")),
                "the cancelled job ends");
        ui.spin();
        assertNull(part.profile(), "a cancelled profile shows nothing");
    }

    @Test
    void profilesADatabaseTableWithThePasswordFromSecureStorage() throws Exception {
        Databases.createShop(ui.projectDir.resolve("data/shop"), 30);
        ui.secrets.put("jdbc/src_orders/password", Databases.CANARY);
        Settings settings = Settings.of(java.util.Map.of("driver", "h2", "path", "data/shop", "user", "sa", "credentialKey",
                "jdbc/src_orders/password", "table", "ORDERS"));
        Inspection in = new JdbcConnector().inspect(new ConnectorContext(ui.projectDir, ui.context.get(CredentialStore.class), null), settings,
                InspectOptions.DEFAULTS, ProgressMonitor.NONE);
        ui.session.execute("add", ProjectEdits.addSource(new SourceDef("src_orders", "orders", "jdbc", in.settings(), in.schema())));
        ProfilePart part = ui.part(ProfilePart.class);
        ui.session.select(new Selection.Source("src_orders"), this);
        part.runButton().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> !part.busy() && part.profile() != null, "the table is profiled");
        assertEquals(30, part.profile().records());
        FieldProfile customer = part.profile().fields().get(1);
        assertEquals("CUSTOMER_ID", customer.name());
        assertEquals(3, customer.distinctEstimate());
    }

    @Test
    void reportsAnUnreadableSourceWithTheConnectorsMessage() throws Exception {
        Files.delete(ui.projectDir.resolve("data/people.csv"));
        ProfilePart part = ui.part(ProfilePart.class);
        ui.session.select(new Selection.Source(people.id()), this);
        part.runButton().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> !part.busy(), "the profile ends");
        assertNull(part.profile());
        assertTrue(part.titleText().contains("people.csv"), part.titleText());
    }
}
