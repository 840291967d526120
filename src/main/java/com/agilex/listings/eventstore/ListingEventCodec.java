package com.agilex.listings.eventstore;

import com.agilex.listings.domain.ListingEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The event type registry: turns domain events into stored events and back, upcasting data of
 * older schema versions ({@link Upcasters}). The stored type name and the schema version are
 * explicit here, so renaming a Java class never renames stored data.
 */
@ApplicationScoped
public class ListingEventCodec {

    /** A stored event type: its name in the store and the schema version written today. */
    public record EventType(String name, int schemaVersion, Class<? extends ListingEvent> javaType) {
    }

    public static final List<EventType> TYPES = List.of(
            new EventType("ListingCreated", 1, ListingEvent.ListingCreated.class),
            new EventType("ListingDetailsUpdated", 1, ListingEvent.ListingDetailsUpdated.class),
            new EventType("ListingPriceChanged", 2, ListingEvent.ListingPriceChanged.class),
            new EventType("ListingPublished", 1, ListingEvent.ListingPublished.class),
            new EventType("ListingReserved", 2, ListingEvent.ListingReserved.class),
            new EventType("ListingReservationReleased", 1, ListingEvent.ListingReservationReleased.class),
            new EventType("ListingReservationExpired", 1, ListingEvent.ListingReservationExpired.class),
            new EventType("ListingSold", 1, ListingEvent.ListingSold.class),
            new EventType("ListingWithdrawn", 1, ListingEvent.ListingWithdrawn.class));

    private static final Map<Class<?>, EventType> BY_CLASS =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));
    private static final Map<String, EventType> BY_NAME =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

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
        return decode(stored.type(), stored.schemaVersion(), stored.data());
    }

    /** The type of this name, if this code knows it. */
    public static Optional<EventType> type(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The data of a stored event in the current shape of its type, for publishing. An event this
     * code cannot upcast (an unknown type or version, unreadable data) keeps its data as stored:
     * the relay must never stall on an event, and a consumer that cannot read it dead-letters it.
     */
    public String currentData(RecordedEvent stored) {
        EventType type = BY_NAME.get(stored.type());
        if (type == null || stored.schemaVersion() > type.schemaVersion()) {
            return stored.data();
        }
        try {
            return json.writeValueAsString(current(type, stored.schemaVersion(), stored.data()));
        } catch (JsonProcessingException | UnreadableEvent e) {
            return stored.data();
        }
    }

    /** Decodes data of the named type written in any schema version up to the current one. */
    public ListingEvent decode(String typeName, int schemaVersion, String data) {
        EventType type = BY_NAME.get(typeName);
        if (type == null) {
            throw new UnreadableEvent("Unknown event type " + typeName);
        }
        return decode(type, schemaVersion, data);
    }

    /** The data as the type's Java event, upcast first when it was written in an older schema version. */
    private ListingEvent decode(EventType type, int schemaVersion, String data) {
        if (schemaVersion != type.schemaVersion()) {
            return read(current(type, schemaVersion, data), type);
        }
        // Already the current shape: straight to the record, no tree in between (a rebuild decodes millions).
        try {
            ListingEvent event = json.readValue(data, type.javaType());
            if (event == null) {
                throw new UnreadableEvent("The data of " + type.name() + " is not a JSON object");
            }
            return event;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEvent("Event data cannot be read as " + type.name() + ": " + e.getMessage());
        }
    }

    /** The data upcast to the type's current schema version. */
    private ObjectNode current(EventType type, int schemaVersion, String data) {
        if (schemaVersion > type.schemaVersion() || schemaVersion < 1) {
            throw new UnreadableEvent(type.name() + " v" + schemaVersion + " is not a schema version this code knows");
        }
        try {
            JsonNode node = json.readTree(data);
            if (!(node instanceof ObjectNode object)) {
                throw new UnreadableEvent("The data of " + type.name() + " is not a JSON object");
            }
            return Upcasters.upcast(type.name(), schemaVersion, type.schemaVersion(), object);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEvent("The data of " + type.name() + " v" + schemaVersion + " cannot be read: " + e.getMessage());
        }
    }

    private ListingEvent read(ObjectNode data, EventType type) {
        try {
            return json.treeToValue(data, type.javaType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEvent("Event data cannot be read as " + type.name() + ": " + e.getMessage());
        }
    }

    /** An event this code cannot read: an unknown type or schema version, or data of the wrong shape. */
    public static class UnreadableEvent extends RuntimeException {
        public UnreadableEvent(String message) {
            super(message);
        }
    }
}
