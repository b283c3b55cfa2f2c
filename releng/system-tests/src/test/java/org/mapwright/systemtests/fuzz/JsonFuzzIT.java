package org.mapwright.systemtests.fuzz;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.mapwright.connector.json.JsonConnector;
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
 * Fuzzes the JSON reader: bytes (and the format / record path settings) through inspect, then a
 * full read of the inferred schema with {@code onError=reject}. Allowed outcomes: a normal return
 * or a {@link DataException} naming the file and a reason. Regression inputs:
 * {@code src/test/resources/org/mapwright/systemtests/fuzz/JsonFuzzITInputs/readsAnyBytes/}.
 */
class JsonFuzzIT {

    private static final JsonConnector JSON = new JsonConnector(new Ids(new Random(1)));
    private static final Limits SMALL = new Limits(64, 256, 6, 20);

    @FuzzTest(maxDuration = "2m")
    void readsAnyBytes(FuzzedDataProvider data) throws Exception {
        boolean small = data.consumeBoolean();
        Map<String, Object> settings = new HashMap<>();
        settings.put("path", "input.json");
        settings.put("onError", "reject");
        if (data.consumeBoolean()) {
            settings.put("format", data.pickValue(new String[] { "array", "ndjson", "document" }));
        }
        if (data.consumeBoolean()) {
            settings.put("recordPath", data.pickValue(new String[] { "$", "$.a", "$.a.b", "$['x y']", "$.items" }));
        }
        if (data.consumeBoolean()) {
            settings.put("encoding", data.pickValue(new String[] { "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "ISO-8859-1" }));
        }
        byte[] bytes = data.consumeRemainingAsBytes();
        FuzzFiles.write("input.json", bytes);
        ConnectorContext context = new ConnectorContext(FuzzFiles.dir(), CredentialStore.NONE, small ? SMALL : Limits.DEFAULTS);
        Inspection inspection;
        try {
            inspection = JSON.inspect(context, Settings.of(settings), new InspectOptions(50, false, 3), ProgressMonitor.NONE);
        } catch (DataException e) {
            FuzzFiles.checkMessage(e);
            return;
        }
        try {
            FuzzFiles.drain(JSON.open(context, inspection.settings(), inspection.schema()), bytes.length);
        } catch (DataException e) {
            FuzzFiles.checkMessage(e);
        }
    }
}
