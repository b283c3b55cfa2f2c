package org.mapwright.engine.expr;

/** Groups of functions, in palette order. */
public enum FunctionCategory {
    STRING("Text"),
    NUMBER("Numbers"),
    DATE("Dates and times"),
    CONDITIONAL("Conditions and nulls"),
    CONVERSION("Type conversion"),
    HASH("Hashing and ids"),
    LIST("Lists (repeated fields)"),
    LOOKUP("Lookups"),
    AGGREGATE("Aggregates (GROUP BY)");

    private final String title;

    FunctionCategory(String title) {
        this.title = title;
    }

    /** @return the heading shown in the palette and the reference, e.g. {@code "Dates and times"} */
    public String title() {
        return title;
    }
}
