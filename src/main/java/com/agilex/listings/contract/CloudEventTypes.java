package com.agilex.listings.contract;

import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.RecordedEvent;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The CloudEvents type of every event type: {@code com.agilex.listings.listing.<action>.v<version>},
 * the names downstream teams read in {@code /contract/asyncapi.yaml}. They are spelled here, apart
 * from the stored type names, so that neither can be renamed by renaming the other.
 */
public final class CloudEventTypes {

    private static final String PREFIX = "com.agilex.listings.listing.";
    private static final Pattern LISTING_TYPE = Pattern.compile(Pattern.quote(PREFIX) + "([a-z-]+)\\.v(\\d+)");

    /** The action each stored type is published as. */
    private static final Map<String, String> ACTION_BY_STORED_TYPE = Map.of(
            "ListingCreated", "created",
            "ListingDetailsUpdated", "details-updated",
            "ListingPriceChanged", "price-changed",
            "ListingPublished", "published",
            "ListingReserved", "reserved",
            "ListingReservationReleased", "reservation-released",
            "ListingReservationExpired", "reservation-expired",
            "ListingSold", "sold",
            "ListingWithdrawn", "withdrawn");

    private static final Map<String, String> STORED_TYPE_BY_ACTION = ACTION_BY_STORED_TYPE.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    /** A stored type and schema version, as a CloudEvents type names them. */
    public record StoredType(String name, int schemaVersion) {
    }

    private CloudEventTypes() {
    }

    /** The CloudEvents type of the type's current schema version. */
    public static String of(ListingEventCodec.EventType type) {
        return PREFIX + action(type.name()) + ".v" + type.schemaVersion();
    }

    /**
     * The type a stored event is published as: that of its type's current schema version (the
     * relay upcasts), or, for an event this code does not know, its own name and version
     * ({@code com.agilex.listings.<type>.v<n>}) so that the relay never stalls on it.
     */
    public static String of(RecordedEvent stored) {
        return ListingEventCodec.type(stored.type())
                .filter(type -> stored.schemaVersion() <= type.schemaVersion())
                .map(CloudEventTypes::of)
                .orElse("com.agilex.listings." + stored.type() + ".v" + stored.schemaVersion());
    }

    /** The stored type and schema version a listing's CloudEvents type names, if it names one. */
    public static Optional<StoredType> parse(String cloudEventType) {
        Matcher parts = LISTING_TYPE.matcher(cloudEventType == null ? "" : cloudEventType);
        if (!parts.matches() || !STORED_TYPE_BY_ACTION.containsKey(parts.group(1))) {
            return Optional.empty();
        }
        return Optional.of(new StoredType(STORED_TYPE_BY_ACTION.get(parts.group(1)), Integer.parseInt(parts.group(2))));
    }

    private static String action(String storedType) {
        String action = ACTION_BY_STORED_TYPE.get(storedType);
        if (action == null) {
            throw new IllegalStateException(storedType + " has no CloudEvents action in " + CloudEventTypes.class.getSimpleName());
        }
        return action;
    }
}
