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

    /** A stored event type: its name in the store and the schema version written today. */
    public record EventType(String name, int schemaVersion, Class<? extends ListingEvent> javaType) {
    }

    public static final List<EventType> TYPES = List.of(
            new EventType("ListingCreated", 1, ListingEvent.ListingCreated.class),
            new EventType("ListingDetailsUpdated", 1, ListingEvent.ListingDetailsUpdated.class),
            new EventType("ListingPriceChanged", 1, ListingEvent.ListingPriceChanged.class),
            new EventType("ListingPublished", 1, ListingEvent.ListingPublished.class),
            new EventType("ListingReserved", 1, ListingEvent.ListingReserved.class),
            new EventType("ListingReservationReleased", 1, ListingEvent.ListingReservationReleased.class),
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
        EventType type = BY_NAME.get(stored.type());
        if (type == null) {
            throw new UnknownEventType(stored);
        }
        if (stored.schemaVersion() != type.schemaVersion()) {
            // Upcasters for older schema versions plug in here (issue: schema evolution).
            throw new UnknownEventType(stored);
        }
        try {
            return json.readValue(stored.data(), type.javaType());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored event " + stored.eventId() + " cannot be read as " + type.name(), e);
        }
    }

    /** A stored event this code cannot read: a newer writer, or a schema version with no upcaster. */
    public static final class UnknownEventType extends RuntimeException {
        public UnknownEventType(RecordedEvent stored) {
            super("Unknown event type " + stored.type() + " v" + stored.schemaVersion() + " (event " + stored.eventId() + ")");
        }
    }
}
