package com.agilex.listings.eventstore;

import com.agilex.listings.eventstore.ListingEventCodec.UnreadableEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns the data of an older event schema version into the current shape, one version step at a
 * time, on every read path (command load, relay, projector, time travel, checks). Stored events
 * are never rewritten. To change an event's shape: bump its schema version in
 * {@link ListingEventCodec#TYPES} and add the step from the previous version here.
 */
final class Upcasters {

    /** Steps by "type@fromVersion": each turns version n data into version n+1 data. */
    private static final Map<String, UnaryOperator<ObjectNode>> STEPS = Map.of(
            "ListingPriceChanged@1", Upcasters::priceChangedAddsDirection,
            "ListingReserved@1", Upcasters::reservedAddsExpiry);

    private Upcasters() {
    }

    /** Whether data of {@code type} in {@code fromVersion} can be turned into the next version's shape. */
    static boolean has(String type, int fromVersion) {
        return STEPS.containsKey(type + "@" + fromVersion);
    }

    /** The data in {@code toVersion}'s shape. */
    static ObjectNode upcast(String type, int fromVersion, int toVersion, ObjectNode data) {
        ObjectNode current = data;
        for (int version = fromVersion; version < toVersion; version++) {
            UnaryOperator<ObjectNode> step = STEPS.get(type + "@" + version);
            if (step == null) {
                throw new UnreadableEvent("No upcaster for " + type + " from schema version " + version);
            }
            current = step.apply(current);
        }
        return current;
    }

    /** ListingPriceChanged v1 → v2: the new required field direction, derived from the two prices. */
    static ObjectNode priceChangedAddsDirection(ObjectNode v1) {
        JsonNode price = v1.path("price");
        JsonNode previous = v1.path("previousPrice");
        String direction;
        if (!price.path("currency").asText().equals(previous.path("currency").asText())) {
            direction = "CURRENCY_CHANGED";
        } else {
            var next = new BigDecimal(price.path("amount").asText());
            var before = new BigDecimal(previous.path("amount").asText());
            direction = next.compareTo(before) > 0 ? "UP" : "DOWN";
        }
        return v1.deepCopy().put("direction", direction);
    }

    /**
     * ListingReserved v1 → v2: a reservation made before holds had an end has none, so the
     * optional expiresAt stays absent (the contract's "absent means null"; docs/events.md).
     */
    static ObjectNode reservedAddsExpiry(ObjectNode v1) {
        return v1.deepCopy();
    }
}
