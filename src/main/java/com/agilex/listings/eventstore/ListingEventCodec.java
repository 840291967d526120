package com.agilex.listings.eventstore;

import com.agilex.listings.domain.ListingEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The event type registry: turns domain events into stored events and back. The stored type
 * name and schema version are explicit here, so renaming a Java class never renames stored data.
 */
@ApplicationScoped
public class ListingEventCodec {

    /**
     * A stored event type: its name in the store, the schema version written today, and the
     * CloudEvents type it is published as (e.g. com.agilex.listings.listing.created.v1).
     */
    public record EventType(String name, int schemaVersion, String cloudEventType, Class<? extends ListingEvent> javaType) {

    }

    private static EventType type(String name, int schemaVersion, String action, Class<? extends ListingEvent> javaType) {
        return new EventType(name, schemaVersion, "com.agilex.listings.listing." + action + ".v" + schemaVersion, javaType);
    }

    public static final List<EventType> TYPES = List.of(
            type("ListingCreated", 1, "created", ListingEvent.ListingCreated.class),
            type("ListingDetailsUpdated", 1, "details-updated", ListingEvent.ListingDetailsUpdated.class),
            type("ListingPriceChanged", 1, "price-changed", ListingEvent.ListingPriceChanged.class),
            type("ListingPublished", 1, "published", ListingEvent.ListingPublished.class),
            type("ListingReserved", 1, "reserved", ListingEvent.ListingReserved.class),
            type("ListingReservationReleased", 1, "reservation-released", ListingEvent.ListingReservationReleased.class),
            type("ListingSold", 1, "sold", ListingEvent.ListingSold.class),
            type("ListingWithdrawn", 1, "withdrawn", ListingEvent.ListingWithdrawn.class));

    private static final Map<Class<?>, EventType> BY_CLASS =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));
    private static final Map<String, EventType> BY_NAME =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<String, EventType> BY_CLOUD_EVENT_TYPE =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(EventType::cloudEventType, Function.identity()));

    private final ObjectMapper json;

    public ListingEventCodec(ObjectMapper json) {
        this.json = json;
    }

    public NewEvent encode(ListingEvent event, EventMetadata metadata) {
        EventType type = BY_CLASS.get(event.getClass());
        try {
            return new NewEvent(UUID.randomUUID(), type.name(), type.schemaVersion(),
                    json.writeValueAsString(event), metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + type.name(), e);
        }
    }

    public ListingEvent decode(RecordedEvent stored) {
        EventType type = BY_NAME.get(stored.type());
        if (type == null || stored.schemaVersion() != type.schemaVersion()) {
            // Upcasters for older schema versions plug in here (issue: schema evolution).
            throw new UnreadableEvent("Unknown event type " + stored.type() + " v" + stored.schemaVersion());
        }
        return read(stored.data(), type);
    }

    /**
     * The CloudEvents type a stored event is published as. A type this code does not know still
     * gets one (com.agilex.listings.<stored type>.v<n>): the relay must never stall on an event,
     * and a consumer that cannot read it dead-letters it.
     */
    public String cloudEventType(RecordedEvent stored) {
        EventType type = BY_NAME.get(stored.type());
        return type != null && type.schemaVersion() == stored.schemaVersion()
                ? type.cloudEventType()
                : "com.agilex.listings." + stored.type() + ".v" + stored.schemaVersion();
    }

    /** Decodes the data of a published event from its CloudEvents type. */
    public ListingEvent decodeCloudEvent(String cloudEventType, String data) {
        EventType type = BY_CLOUD_EVENT_TYPE.get(cloudEventType);
        if (type == null) {
            throw new UnreadableEvent("Unknown CloudEvents type " + cloudEventType);
        }
        return read(data, type);
    }

    private ListingEvent read(String data, EventType type) {
        try {
            return json.readValue(data, type.javaType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEvent("Event data cannot be read as " + type.name() + ": " + e.getMessage());
        }
    }

    /** An event this code cannot read: an unknown type or schema version, or data of the wrong shape. */
    public static final class UnreadableEvent extends RuntimeException {
        public UnreadableEvent(String message) {
            super(message);
        }
    }
}
