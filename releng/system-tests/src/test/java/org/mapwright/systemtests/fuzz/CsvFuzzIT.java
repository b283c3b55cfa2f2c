package org.mapwright.systemtests.fuzz;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.mapwright.connector.csv.CsvConnector;
import org.mapwright.core.Ids;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.ProgressMonitor;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the CSV reader: bytes (and a few dialect settings) through inspect, then a full read of
 * the inspected columns with {@code onError=reject}. Allowed: a normal return, or a
 * {@link DataException} naming the file and a reason. Anything else — a runtime exception, an
 * endless loop of bad records, a record of the wrong width — is a finding. Regression inputs:
 * {@code src/test/resources/org/mapwright/systemtests/fuzz/CsvFuzzITInputs/readsAnyBytes/}.
 */
class CsvFuzzIT {

    private static final CsvConnector CSV = new CsvConnector(new Ids(new Random(1)));
    /** Small limits let short inputs reach the limit paths too. */
    private static final Limits SMALL = new Limits(64, 256, 8, 20);

    @FuzzTest(maxDuration = "2m")
    void readsAnyBytes(FuzzedDataProvider data) throws Exception {
        boolean small = data.consumeBoolean();
        Map<String, Object> settings = new HashMap<>();
        settings.put(CsvConnector.PATH, "input.csv");
        settings.put(CsvConnector.ON_ERROR, "reject");
        if (data.consumeBoolean()) {
            settings.put(CsvConnector.DELIMITER, data.pickValue(new String[] { ",", ";", "tab", "|", "x", " " }));
        }
        if (data.consumeBoolean()) {
            settings.put(CsvConnector.QUOTE, data.pickValue(new String[] { "\"", "'", "none" }));
        }
        if (data.consumeBoolean()) {
            settings.put(CsvConnector.ESCAPE, data.pickValue(new String[] { "\\", "none", "#" }));
        }
        if (data.consumeBoolean()) {
            settings.put(CsvConnector.HEADER, data.consumeBoolean());
        }
        if (data.consumeBoolean()) {
            settings.put(CsvConnector.ENCODING, data.pickValue(new String[] { "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252", "ISO-8859-1" }));
        }
        if (data.consumeBoolean()) {
            settings.put(CsvConnector.NULL_VALUE, data.pickValue(new String[] { "NULL", "\\N", "" }));
        }
        if (data.consumeBoolean()) {
            settings.put(CsvConnector.PAD_SHORT_RECORDS, true);
        }
        if (data.consumeBoolean()) {
            settings.put(CsvConnector.SKIP_LINES, (long) data.consumeInt(0, 3));
        }
        byte[] bytes = data.consumeRemainingAsBytes();
        FuzzFiles.write("input.csv", bytes);
        ConnectorContext context = new ConnectorContext(FuzzFiles.dir(), CredentialStore.NONE, small ? SMALL : Limits.DEFAULTS);
        Inspection inspection;
        try {
            inspection = CSV.inspect(context, Settings.of(settings), new InspectOptions(50, false, 3), ProgressMonitor.NONE);
        } catch (DataException e) {
            FuzzFiles.checkMessage(e);
            return;
        }
        try {
            FuzzFiles.drain(CSV.open(context, inspection.settings(), inspection.schema()), bytes.length);
        } catch (DataException e) {
            FuzzFiles.checkMessage(e);
        }
    }
}
