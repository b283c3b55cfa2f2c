package org.mapwright.internal.engine.expr;

import static org.mapwright.core.DataType.DATE;
import static org.mapwright.core.DataType.INTEGER;
import static org.mapwright.core.DataType.TEXT;
import static org.mapwright.core.DataType.TIMESTAMP;
import static org.mapwright.internal.engine.expr.Library.def;
import static org.mapwright.internal.engine.expr.Library.p;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.mapwright.core.DataType;
import org.mapwright.core.value.Values;
import org.mapwright.engine.expr.ExpressionException;
import org.mapwright.engine.expr.FunctionCategory;

/** Date and time functions. Timestamps have no zone; epoch conversions read them as UTC. */
final class DateFunctions {

    private static final FunctionCategory C = FunctionCategory.DATE;

    private static final Map<String, ChronoUnit> UNITS = Map.ofEntries(
            Map.entry("year", ChronoUnit.YEARS), Map.entry("quarter", ChronoUnit.MONTHS),
            Map.entry("month", ChronoUnit.MONTHS), Map.entry("week", ChronoUnit.WEEKS),
            Map.entry("day", ChronoUnit.DAYS), Map.entry("hour", ChronoUnit.HOURS),
            Map.entry("minute", ChronoUnit.MINUTES), Map.entry("second", ChronoUnit.SECONDS),
            Map.entry("millisecond", ChronoUnit.MILLIS));

    private DateFunctions() {
    }

    /** The strict formatter of a user pattern, shared with source parsing so both read dates alike. */
    static DateTimeFormatter formatter(String pattern) {
        try {
            return Values.formatter(pattern);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // The JDK's pattern parser fails on some pad/week-year mixes (e.g. 'pyY') with a
            // ClassCastException instead of an IllegalArgumentException.
            throw new IllegalArgumentException("the pattern cannot be used (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Binds a pattern argument: built once when constant (bad pattern = compile error), else cached. */
    static Memo<DateTimeFormatter> patterns(Library.Site site, int arg) throws ExpressionException {
        Memo<DateTimeFormatter> memo = new Memo<>(p -> {
            try {
                return formatter(p);
            } catch (IllegalArgumentException e) {
                throw new Fail("invalid date pattern '" + p + "': " + e.getMessage());
            }
        });
        if (site.isConstant(arg) && site.constant(arg) != null) {
            try {
                memo.get((String) site.constant(arg));
            } catch (Fail e) {
                throw site.error(arg, e.getMessage(), "see java.time.format.DateTimeFormatter, e.g. 'dd/MM/yyyy HH:mm'");
            }
        }
        return memo;
    }

    static LocalDate parseDate(String text, DateTimeFormatter f, String pattern) {
        String t = text.trim();
        LocalDate fast = Values.parseFixedDate(t, pattern);
        if (fast != null) {
            return fast;
        }
        try {
            return LocalDate.parse(t, f);
        } catch (DateTimeParseException e) {
            throw new Fail("'" + Conv.abbreviate(text) + "' is not a date in format " + pattern);
        }
    }

    static LocalDateTime parseTimestamp(String text, DateTimeFormatter f, String pattern) {
        try {
            TemporalAccessor t = f.parseBest(text.trim(), LocalDateTime::from, LocalDate::from);
            return t instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) t;
        } catch (DateTimeParseException e) {
            throw new Fail("'" + Conv.abbreviate(text) + "' is not a timestamp in format " + pattern);
        }
    }

    static Memo<ZoneId> zones(Library.Site site, int arg) throws ExpressionException {
        Memo<ZoneId> memo = new Memo<>(z -> {
            try {
                return ZoneId.of(z);
            } catch (DateTimeException e) {
                throw new Fail("unknown time zone '" + z + "'");
            }
        });
        if (site.isConstant(arg) && site.constant(arg) != null) {
            try {
                memo.get((String) site.constant(arg));
            } catch (Fail e) {
                throw site.error(arg, e.getMessage(), "use a region such as 'Europe/Paris' or an offset such as '+02:00'");
            }
        }
        return memo;
    }

    /** Binds a unit argument, which must be a literal. */
    static String unit(Library.Site site, int arg, List<String> allowed) throws ExpressionException {
        if (!site.isConstant(arg) || site.constant(arg) == null) {
            throw site.error(arg, "the unit must be a literal such as 'day'", null);
        }
        String u = ((String) site.constant(arg)).trim().toLowerCase(Locale.ROOT);
        if (u.endsWith("s") && allowed.contains(u.substring(0, u.length() - 1))) {
            u = u.substring(0, u.length() - 1);
        }
        if (!allowed.contains(u)) {
            String s = Suggest.closest(u, allowed);
            throw site.error(arg, "unknown unit '" + site.constant(arg) + "'",
                    s != null ? "did you mean '" + s + "'?" : "use one of " + String.join(", ", allowed));
        }
        return u;
    }

    private static void field(List<Library.Def> d, String name, String doc, String example,
            Function<LocalDate, Long> ofDate, Function<LocalDateTime, Long> ofTimestamp) {
        Library.Def def = def(d, name, C).doc(doc).example(example);
        if (ofDate != null) {
            def.sig(INTEGER, p("date", DATE)).f1(a -> ofDate.apply((LocalDate) a));
        }
        def.sig(INTEGER, p("timestamp", TIMESTAMP)).f1(a -> ofTimestamp.apply((LocalDateTime) a));
    }

    static void define(List<Library.Def> d) {
        def(d, "now", C).alias("current_timestamp")
                .doc("The current date and time from the run's clock (not deterministic).").example("now() → 2024-05-01T13:45:00")
                .sig(TIMESTAMP).volatile0(o -> () -> LocalDateTime.now(o.clock()));
        def(d, "today", C).alias("current_date").doc("The current date from the run's clock (not deterministic).")
                .example("today() → 2024-05-01")
                .sig(DATE).volatile0(o -> () -> LocalDate.now(o.clock()));
        def(d, "parse_date", C)
                .doc("Text read as a date, ISO (yyyy-MM-dd) or in a pattern such as 'dd/MM/yyyy'; text that does not match "
                        + "rejects the row.")
                .example("parse_date('31/01/2024', 'dd/MM/yyyy') → 2024-01-31")
                .sig(DATE, p("text", TEXT)).f1(a -> parseDate((String) a, DateTimeFormatter.ISO_LOCAL_DATE, "yyyy-MM-dd"))
                .sig(DATE, p("text", TEXT), p("pattern", TEXT)).bind((site, a) -> {
                    Memo<DateTimeFormatter> m = patterns(site, 1);
                    return new Node.Call2(DATE, (x, p) -> parseDate((String) x, m.get((String) p), (String) p), a[0], a[1], true);
                });
        def(d, "parse_timestamp", C)
                .doc("Text read as a timestamp, ISO or in a pattern such as 'dd/MM/yyyy HH:mm'; a pattern without time "
                        + "gives midnight.")
                .example("parse_timestamp('31/01/2024 08:30', 'dd/MM/yyyy HH:mm') → 2024-01-31T08:30:00")
                .sig(TIMESTAMP, p("text", TEXT)).f1(a -> {
                    try {
                        return Values.parse((String) a, DataType.TIMESTAMP, null);
                    } catch (IllegalArgumentException e) {
                        throw new Fail(e.getMessage());
                    }
                })
                .sig(TIMESTAMP, p("text", TEXT), p("pattern", TEXT)).bind((site, a) -> {
                    Memo<DateTimeFormatter> m = patterns(site, 1);
                    return new Node.Call2(TIMESTAMP, (x, p) -> parseTimestamp((String) x, m.get((String) p), (String) p),
                            a[0], a[1], true);
                });
        def(d, "format_date", C).alias("format_timestamp")
                .doc("A date or timestamp as text in a pattern such as 'dd.MM.yyyy' or 'yyyy-MM-dd HH:mm'.")
                .example("format_date(DATE '2024-01-31', 'dd/MM/yyyy') → '31/01/2024'")
                .sig(TEXT, p("date", DATE), p("pattern", TEXT)).bind((site, a) -> formatBinder(site, a))
                .sig(TEXT, p("timestamp", TIMESTAMP), p("pattern", TEXT)).bind((site, a) -> formatBinder(site, a));
        field(d, "year", "The year.", "year(DATE '2024-01-31') → 2024", x -> (long) x.getYear(), x -> (long) x.getYear());
        field(d, "month", "The month, 1 to 12.", "month(DATE '2024-01-31') → 1", x -> (long) x.getMonthValue(),
                x -> (long) x.getMonthValue());
        field(d, "day", "The day of the month, 1 to 31.", "day(DATE '2024-01-31') → 31", x -> (long) x.getDayOfMonth(),
                x -> (long) x.getDayOfMonth());
        field(d, "hour", "The hour, 0 to 23.", "hour(TIMESTAMP '2024-01-31 13:45:10') → 13", null, x -> (long) x.getHour());
        field(d, "minute", "The minute, 0 to 59.", "minute(TIMESTAMP '2024-01-31 13:45:10') → 45", null,
                x -> (long) x.getMinute());
        field(d, "second", "The second, 0 to 59.", "second(TIMESTAMP '2024-01-31 13:45:10') → 10", null,
                x -> (long) x.getSecond());
        field(d, "day_of_week", "The ISO day of the week: 1 for Monday to 7 for Sunday.",
                "day_of_week(DATE '2024-01-31') → 3", x -> (long) x.getDayOfWeek().getValue(),
                x -> (long) x.getDayOfWeek().getValue());
        field(d, "day_of_year", "The day of the year, 1 to 366.", "day_of_year(DATE '2024-02-01') → 32",
                x -> (long) x.getDayOfYear(), x -> (long) x.getDayOfYear());
        field(d, "week", "The ISO week of the week-based year, 1 to 53.", "week(DATE '2024-01-31') → 5",
                x -> (long) x.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), x -> (long) x.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        field(d, "quarter", "The quarter, 1 to 4.", "quarter(DATE '2024-05-01') → 2",
                x -> (long) x.get(IsoFields.QUARTER_OF_YEAR), x -> (long) x.get(IsoFields.QUARTER_OF_YEAR));
        def(d, "add_days", C).doc("The date or timestamp moved by a number of days (negative moves back).")
                .example("add_days(DATE '2024-02-28', 2) → 2024-03-01")
                .sig(DATE, p("date", DATE), p("days", INTEGER)).f2((a, b) -> ((LocalDate) a).plusDays((Long) b))
                .sig(TIMESTAMP, p("timestamp", TIMESTAMP), p("days", INTEGER)).f2((a, b) -> ((LocalDateTime) a).plusDays((Long) b));
        def(d, "add_months", C).doc("The date or timestamp moved by months; the day is clamped to the month's end.")
                .example("add_months(DATE '2024-01-31', 1) → 2024-02-29")
                .sig(DATE, p("date", DATE), p("months", INTEGER)).f2((a, b) -> ((LocalDate) a).plusMonths((Long) b))
                .sig(TIMESTAMP, p("timestamp", TIMESTAMP), p("months", INTEGER))
                .f2((a, b) -> ((LocalDateTime) a).plusMonths((Long) b));
        def(d, "add_years", C).doc("The date or timestamp moved by years; 29 February becomes 28 February when needed.")
                .example("add_years(DATE '2024-02-29', 1) → 2025-02-28")
                .sig(DATE, p("date", DATE), p("years", INTEGER)).f2((a, b) -> ((LocalDate) a).plusYears((Long) b))
                .sig(TIMESTAMP, p("timestamp", TIMESTAMP), p("years", INTEGER))
                .f2((a, b) -> ((LocalDateTime) a).plusYears((Long) b));
        def(d, "add_hours", C).doc("The timestamp moved by hours.").example("add_hours(TIMESTAMP '2024-01-31 23:00:00', 2) → 2024-02-01T01:00:00")
                .sig(TIMESTAMP, p("timestamp", TIMESTAMP), p("hours", INTEGER))
                .f2((a, b) -> ((LocalDateTime) a).plusHours((Long) b));
        def(d, "add_minutes", C).doc("The timestamp moved by minutes.")
                .example("add_minutes(TIMESTAMP '2024-01-31 10:00:00', 90) → 2024-01-31T11:30:00")
                .sig(TIMESTAMP, p("timestamp", TIMESTAMP), p("minutes", INTEGER))
                .f2((a, b) -> ((LocalDateTime) a).plusMinutes((Long) b));
        def(d, "add_seconds", C).doc("The timestamp moved by seconds.")
                .example("add_seconds(TIMESTAMP '2024-01-31 10:00:00', 61) → 2024-01-31T10:01:01")
                .sig(TIMESTAMP, p("timestamp", TIMESTAMP), p("seconds", INTEGER))
                .f2((a, b) -> ((LocalDateTime) a).plusSeconds((Long) b));
        List<String> diffUnits = List.of("year", "quarter", "month", "week", "day", "hour", "minute", "second", "millisecond");
        def(d, "date_diff", C)
                .doc("The number of whole units from start to end (negative when end is earlier); units: "
                        + String.join(", ", diffUnits) + ".")
                .example("date_diff('day', DATE '2024-01-01', DATE '2024-03-01') → 60")
                .sig(INTEGER, p("unit", TEXT), p("start", TIMESTAMP), p("end", TIMESTAMP)).bind((site, a) -> {
                    String u = unit(site, 0, diffUnits);
                    ChronoUnit cu = UNITS.get(u);
                    boolean quarter = u.equals("quarter");
                    return new Node.Call2(INTEGER, (x, y) -> {
                        long n = cu.between((LocalDateTime) x, (LocalDateTime) y);
                        return quarter ? n / 3 : n;
                    }, a[1], a[2], true);
                });
        List<String> truncUnits = List.of("year", "quarter", "month", "week", "day", "hour", "minute", "second");
        def(d, "date_trunc", C)
                .doc("The date or timestamp cut down to the start of its unit (weeks start on Monday); units: "
                        + String.join(", ", truncUnits) + ".")
                .example("date_trunc('month', DATE '2024-05-17') → 2024-05-01")
                .sig(DATE, p("unit", TEXT), p("date", DATE)).bind((site, a) -> {
                    String u = unit(site, 0, truncUnits);
                    return new Node.Call1(DATE, x -> truncate(((LocalDate) x).atStartOfDay(), u).toLocalDate(), a[1]);
                })
                .sig(TIMESTAMP, p("unit", TEXT), p("timestamp", TIMESTAMP)).bind((site, a) -> {
                    String u = unit(site, 0, truncUnits);
                    return new Node.Call1(TIMESTAMP, x -> truncate((LocalDateTime) x, u), a[1]);
                });
        def(d, "to_timezone", C)
                .doc("A timestamp read in one time zone, expressed in another (zone ids like 'Europe/Paris', 'UTC', '+02:00').")
                .example("to_timezone(TIMESTAMP '2024-07-01 12:00:00', 'UTC', 'Europe/Paris') → 2024-07-01T14:00:00")
                .sig(TIMESTAMP, p("timestamp", TIMESTAMP), p("from_zone", TEXT), p("to_zone", TEXT)).bind((site, a) -> {
                    Memo<ZoneId> from = zones(site, 1);
                    Memo<ZoneId> to = zones(site, 2);
                    return new Node.Call3(TIMESTAMP, (t, f, z) -> ((LocalDateTime) t).atZone(from.get((String) f))
                            .withZoneSameInstant(to.get((String) z)).toLocalDateTime(), a[0], a[1], a[2], true);
                });
        def(d, "epoch_millis", C).doc("Milliseconds since 1970-01-01T00:00:00, reading the timestamp as UTC.")
                .example("epoch_millis(TIMESTAMP '1970-01-02 00:00:00') → 86400000")
                .sig(INTEGER, p("timestamp", TIMESTAMP)).f1(a -> ((LocalDateTime) a).toInstant(ZoneOffset.UTC).toEpochMilli());
        def(d, "from_epoch_millis", C).doc("The UTC timestamp of milliseconds since 1970-01-01T00:00:00.")
                .example("from_epoch_millis(86400000) → 1970-01-02T00:00:00")
                .sig(TIMESTAMP, p("millis", INTEGER))
                .f1(a -> LocalDateTime.ofInstant(Instant.ofEpochMilli((Long) a), ZoneOffset.UTC));
        def(d, "make_date", C).doc("The date of a year, month and day; an impossible date rejects the row.")
                .example("make_date(2024, 2, 29) → 2024-02-29")
                .sig(DATE, p("year", INTEGER), p("month", INTEGER), p("day", INTEGER))
                .f3((y, m, dd) -> LocalDate.of(Math.toIntExact((Long) y), Math.toIntExact((Long) m), Math.toIntExact((Long) dd)));
        def(d, "last_day", C).doc("The last day of the date's month.").example("last_day(DATE '2024-02-10') → 2024-02-29")
                .sig(DATE, p("date", DATE)).f1(a -> ((LocalDate) a).with(TemporalAdjusters.lastDayOfMonth()))
                .sig(DATE, p("timestamp", TIMESTAMP)).f1(a -> ((LocalDateTime) a).toLocalDate().with(TemporalAdjusters.lastDayOfMonth()));
    }

    private static Node formatBinder(Library.Site site, Node[] a) throws ExpressionException {
        Memo<DateTimeFormatter> m = patterns(site, 1);
        return new Node.Call2(TEXT, (x, p) -> {
            try {
                return m.get((String) p).format((java.time.temporal.TemporalAccessor) x);
            } catch (DateTimeException e) {
                throw new Fail("pattern '" + p + "' needs a time, but the value is a date");
            }
        }, a[0], a[1], true);
    }

    static LocalDateTime truncate(LocalDateTime t, String unit) {
        switch (unit) {
            case "year":
                return t.toLocalDate().withDayOfYear(1).atStartOfDay();
            case "quarter":
                return LocalDate.of(t.getYear(), (t.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
            case "month":
                return t.toLocalDate().withDayOfMonth(1).atStartOfDay();
            case "week":
                return t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
            case "day":
                return t.truncatedTo(ChronoUnit.DAYS);
            case "hour":
                return t.truncatedTo(ChronoUnit.HOURS);
            case "minute":
                return t.truncatedTo(ChronoUnit.MINUTES);
            default:
                return t.truncatedTo(ChronoUnit.SECONDS);
        }
    }
}
