package org.mapwright.systemtests.fuzz;

import java.util.Map;
import java.util.Random;

import org.mapwright.connector.excel.ExcelConnector;
import org.mapwright.core.Ids;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.ProgressMonitor;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the Excel reader: bytes written as a workbook (the format is told by the first bytes,
 * so .xlsx zips and .xls OLE2 files both arrive from the seeds) through inspect, then a full read.
 * Allowed outcomes: a normal return or a {@link DataException} naming the file and a reason —
 * never a POI runtime exception leaking out. Regression inputs and seed workbooks:
 * {@code src/test/resources/org/mapwright/systemtests/fuzz/ExcelFuzzITInputs/readsAnyWorkbookBytes/}.
 */
class ExcelFuzzIT {

    private static final ExcelConnector EXCEL = new ExcelConnector(new Ids(new Random(1)));

    @FuzzTest(maxDuration = "2m")
    void readsAnyWorkbookBytes(byte[] bytes) throws Exception {
        FuzzFiles.write("input.xlsx", bytes);
        ConnectorContext context = new ConnectorContext(FuzzFiles.dir(), CredentialStore.NONE, Limits.DEFAULTS);
        Settings settings = Settings.of(Map.of("path", "input.xlsx", "mergedCells", bytes.length % 2 == 0 ? "fill" : "first"));
        Inspection inspection;
        try {
            inspection = EXCEL.inspect(context, settings, new InspectOptions(50, false, 3), ProgressMonitor.NONE);
        } catch (DataException e) {
            FuzzFiles.checkMessage(e);
            return;
        }
        try {
            FuzzFiles.drain(EXCEL.open(context, inspection.settings(), inspection.schema()), bytes.length);
        } catch (DataException e) {
            FuzzFiles.checkMessage(e);
        }
    }
}
