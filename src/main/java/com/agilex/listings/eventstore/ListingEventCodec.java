package com.agilex.listings.eventstore;

import com.agilex.listings.domain.ListingEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The event type registry: turns domain events into stored events and back, upcasting data of
 * older schema versions ({@link Upcasters}). The stored type name, the schema version and the
 * CloudEvents type are explicit here, so renaming a Java class never renames stored data.
 */
@ApplicationScoped
public class ListingEventCodec {

    private static final String CLOUD_EVENT_PREFIX = "com.agilex.listings.listing.";
    private static final Pattern CLOUD_EVENT_TYPE = Pattern.compile(Pattern.quote(CLOUD_EVENT_PREFIX) + "([a-z-]+)\\.v(\\d+)");

    /**
     * A stored event type: its name in the store, the schema version written today, and the
     * action of its CloudEvents type (com.agilex.listings.listing.&lt;action&gt;.v&lt;version&gt;).
     */
    public record EventType(String name, int schemaVersion, String action, Class<? extends ListingEvent> javaType) {

        public String cloudEventType() {
            return CLOUD_EVENT_PREFIX + action + ".v" + schemaVersion;
        }
    }

    public static final List<EventType> TYPES = List.of(
            new EventType("ListingCreated", 1, "created", ListingEvent.ListingCreated.class),
            new EventType("ListingDetailsUpdated", 1, "details-updated", ListingEvent.ListingDetailsUpdated.class),
            new EventType("ListingPriceChanged", 2, "price-changed", ListingEvent.ListingPriceChanged.class),
            new EventType("ListingPublished", 1, "published", ListingEvent.ListingPublished.class),
            new EventType("ListingReserved", 2, "reserved", ListingEvent.ListingReserved.class),
            new EventType("ListingReservationReleased", 1, "reservation-released", ListingEvent.ListingReservationReleased.class),
            new EventType("ListingReservationExpired", 1, "reservation-expired", ListingEvent.ListingReservationExpired.class),
            new EventType("ListingSold", 1, "sold", ListingEvent.ListingSold.class),
            new EventType("ListingWithdrawn", 1, "withdrawn", ListingEvent.ListingWithdrawn.class));

    private static final Map<Class<?>, EventType> BY_CLASS =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));
    private static final Map<String, EventType> BY_NAME =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<String, EventType> BY_ACTION =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(EventType::action, Function.identity()));

    /** An event as it is published: its CloudEvents type and its data, in the current shape. */
    public record Published(String cloudEventType, String data) {
    }

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
            throw new UnreadableEvent("Unknown event type " + stored.type());
        }
        return decode(type, stored.schemaVersion(), stored.data());
    }

    /**
     * How a stored event is published: in the current shape of its type. A type this code does
     * not know is published as it is (com.agilex.listings.&lt;type&gt;.v&lt;n&gt;): the relay must
     * never stall on an event, and a consumer that cannot read it dead-letters it.
     */
    public Published published(RecordedEvent stored) {
        EventType type = BY_NAME.get(stored.type());
        if (type == null || stored.schemaVersion() > type.schemaVersion()) {
            return new Published("com.agilex.listings." + stored.type() + ".v" + stored.schemaVersion(), stored.data());
        }
        try {
            return new Published(type.cloudEventType(), json.writeValueAsString(current(type, stored.schemaVersion(), stored.data())));
        } catch (JsonProcessingException | UnreadableEvent e) {
            return new Published(type.cloudEventType(), stored.data());
        }
    }

    /** Decodes the data of a published event, of any schema version up to the current one. */
    public ListingEvent decodeCloudEvent(String cloudEventType, String data) {
        Matcher parts = CLOUD_EVENT_TYPE.matcher(cloudEventType == null ? "" : cloudEventType);
        EventType type = parts.matches() ? BY_ACTION.get(parts.group(1)) : null;
        if (type == null) {
            throw new UnreadableEvent("Unknown CloudEvents type " + cloudEventType);
        }
        return decode(type, Integer.parseInt(parts.group(2)), data);
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
