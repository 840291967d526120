package com.agilex.listings.platform;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.math.BigDecimal;

/** The one JSON configuration: HTTP bodies, stored event data and metadata all use it. */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    /** Objects and arrays within one another; a command body needs 2, stored metadata 3. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Digits of a JSON number; money travels as a string, versions are at most 19 digits. */
    public static final int MAX_NUMBER_LENGTH = 40;

    @Override
    public void customize(ObjectMapper mapper) {
        // Money travels as "12.50": a JSON number would invite float rounding in clients.
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        // ...and as "1000", never "1E+3" (an amount sent as "1E3"): the event contract's decimal form.
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        // A typo in a field name is a client error worth reporting, not something to ignore.
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        // {"title":"a","title":"b"} is ambiguous (each reader keeps another one): refuse it.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // Every valid document is flat and its numbers short: one nested deeper or with a longer number
        // is refused as it is read (400 malformed-body), before it costs memory or CPU.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).build());
        // "title": 42 is a wrong type, not the title "42".
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
