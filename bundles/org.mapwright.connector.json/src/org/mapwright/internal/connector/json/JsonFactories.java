package org.mapwright.internal.connector.json;

import org.mapwright.core.connector.Limits;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;

/** Jackson factories configured from Mapwright's {@link Limits}. */
public final class JsonFactories {

    /**
     * Inference and text capture walk nested values recursively; beyond this depth a configured
     * limit would trade a clear error for a stack overflow, so deeper limits are capped here.
     */
    static final int MAX_SUPPORTED_DEPTH = 1000;

    private JsonFactories() {
    }

    /** @return a factory whose parsers enforce nesting depth, text length and number length */
    public static JsonFactory forReading(Limits limits) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(Math.min(limits.maxNestingDepth(), MAX_SUPPORTED_DEPTH))
                .maxStringLength(limits.maxFieldChars())
                .maxNameLength(limits.maxFieldChars())
                .maxNumberLength(limits.maxNumberChars())
                .build();
        return JsonFactory.builder().streamReadConstraints(constraints).build();
    }

    /** @return a factory whose generators write decimals in plain notation like {@code Values.format} */
    public static JsonFactory forWriting() {
        return JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    }
}
