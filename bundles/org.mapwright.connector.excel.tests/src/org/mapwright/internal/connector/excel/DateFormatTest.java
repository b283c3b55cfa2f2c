package org.mapwright.internal.connector.excel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0   | General                      | false | false | false",
        "2   | 0.00                         | false | false | false",
        "14  | m/d/yy                       | true  | false | false",
        "164 | yyyy-mm-dd                   | true  | false | false",
        "164 | dd.mm.yyyy hh:mm             | true  | true  | false",
        "164 | h:mm AM/PM                   | true  | true  | true",
        "164 | [h]:mm:ss                    | true  | true  | true",
        "164 | mmm yy                       | true  | false | false",
        "164 | [$-409]d-mmm-yyyy;@          | true  | false | false",
        "164 | \"Shipped \"yyyy-mm-dd        | true  | false | false",
        "164 | [Red]0.00                    | false | false | false"
    })
    void readsWhatAFormatShows(int id, String format, boolean date, boolean time, boolean timeOnly) {
        assertEquals(new DateFormat(date, time, timeOnly), DateFormat.of(id, format));
    }
}
