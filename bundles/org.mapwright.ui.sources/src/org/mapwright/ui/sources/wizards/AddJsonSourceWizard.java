package org.mapwright.ui.sources.wizards;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.wizard.WizardPage;
import org.mapwright.connector.json.JsonConnector;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.internal.ui.sources.Rows;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * Adds a JSON file (array of objects, NDJSON, or a document with the records inside) as a source.
 * The first page picks the file and format; for a document it shows the inferred hierarchy of the
 * whole document, in which the user picks the member holding the records (the record path), and it
 * previews the inferred record tree and the first records as they change. The second page shows
 * the inferred fields. Inference and previews run as cancellable jobs.
 */
public final class AddJsonSourceWizard extends SourceWizard {

    /** Records shown in the preview. */
    static final int PREVIEW_ROWS = 20;
    /** Records sampled to infer the preview's structure. */
    static final int PREVIEW_SAMPLE = 500;

    /**
     * What the first page shows for a file and settings.
     *
     * @param detected the settings completed with format, encoding and record path
     * @param document the hierarchy of the whole document (for the record path picker), or null
     *                 when the file is not a single document
     * @param record   the inferred structure of one record
     * @param rows     the first records
     */
    record Look(Settings detected, Schema document, Schema record, Rows.Preview rows) {
    }

    private JsonFilePage filePage;

    /** @param connector the JSON source connector */
    public AddJsonSourceWizard(WorkbenchSession session, SourceConnector connector, Ids ids) {
        super(session, connector, ids, "Add JSON Source");
    }

    @Override
    protected void addSourcePages() {
        filePage = new JsonFilePage(this);
        addPage(filePage);
    }

    public JsonFilePage filePage() {
        return filePage;
    }

    @Override
    protected Settings settings() {
        return filePage.settings();
    }

    @Override
    protected String sourceName() {
        return filePage.sourceName();
    }

    @Override
    protected WizardPage namePage() {
        return filePage;
    }

    /** Sniffs, infers and reads the first records (off the UI thread). */
    Look look(Settings settings, ProgressMonitor monitor) throws Exception {
        InspectOptions sample = new InspectOptions(PREVIEW_SAMPLE, false, 3);
        Inspection in = connector().inspect(context(), settings, sample, monitor);
        Settings detected = in.settings();
        Schema document = null;
        if ("document".equals(detected.getString(JsonConnector.FORMAT, ""))) {
            Settings whole = detected.with(JsonConnector.RECORD_PATH, "$");
            document = connector().inspect(context(), whole, new InspectOptions(1, false, 1), monitor).schema();
        }
        Rows.Preview rows = Rows.read(connector().open(context(), detected, in.schema()), 0, PREVIEW_ROWS, monitor);
        return new Look(detected, document, in.schema(), rows);
    }

    /**
     * A member of the document the records can be taken from.
     *
     * @param path  the record path, e.g. {@code $.data.items}
     * @param field the member's field in the document hierarchy, null for {@code $}
     */
    record Candidate(String path, Field field) {
    }

    /**
     * @return the record paths a document offers: {@code $}, then every object or list of objects
     *         reached through objects only (record paths cannot index into lists)
     */
    static List<Candidate> candidates(Schema document) {
        List<Candidate> out = new ArrayList<>();
        out.add(new Candidate("$", null));
        collect(document.fields(), "$", out);
        return out;
    }

    private static void collect(List<Field> fields, String prefix, List<Candidate> out) {
        for (Field f : fields) {
            if (f.type() != DataType.RECORD) {
                continue;
            }
            String path = prefix + segment(f.name());
            out.add(new Candidate(path, f));
            if (!f.repeated()) {
                collect(f.children(), path, out);
            }
        }
    }

    /** @return the path segment for a member name: {@code .name}, or {@code ['odd name']} */
    static String segment(String name) {
        if (!name.isEmpty() && name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
            return "." + name;
        }
        char quote = name.indexOf('\'') >= 0 ? '"' : '\'';
        return "[" + quote + name + quote + "]";
    }
}
