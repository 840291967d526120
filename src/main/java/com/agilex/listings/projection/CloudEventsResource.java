package com.agilex.listings.projection;

import com.agilex.listings.platform.ServedBy;
import com.agilex.listings.platform.Role;
import com.agilex.listings.contract.CloudEventTypes;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.ListingEventCodec.UnreadableEvent;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.platform.DatabaseBusy;
import com.agilex.listings.contract.ListingCloudEvents;
import com.agilex.listings.contract.PublishedEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The event-triggered projector: CloudEvents 1.0 over HTTP, as Knative Eventing (KafkaSource,
 * Broker and Trigger) delivers {@code listings.events}, in binary mode ({@code ce-*} headers,
 * the data as the body) or structured mode ({@code application/cloudevents+json}). Each event
 * goes through the same apply path as the Kafka consumer.
 *
 * <p>It trusts only its source: off unless the deployment turns it on ({@link EventsEndpointConfig}),
 * it answers 401 to a caller that is not the event source ({@link EventSources}), and applies an
 * event only as the event store holds it: the delivered id must be stored, with the delivered
 * listing, version and type, and what is applied is the stored data, never the delivered one.
 * <ul>
 *   <li>200 {@code applied}, or {@code duplicate} when it was applied before (a redelivery);</li>
 *   <li>409 when an earlier event of the listing is missing (out of order): nothing is written,
 *       and the source redelivers it, after the missing one;</li>
 *   <li>400 for what is not a readable listing event, 422 for one that can never be applied or
 *       that the event store does not hold as delivered: retrying cannot help;</li>
 *   <li>401 for a caller that is not the event source;</li>
 *   <li>503 when the database is unreachable: retry.</li>
 * </ul>
 */
@RegisterForReflection
@ServedBy(value = Role.PROJECTOR, onlyIf = "listings.events.enabled")
@Path("/events")
public class CloudEventsResource {

    private static final Logger LOG = Logger.getLogger(CloudEventsResource.class);
    public static final String STRUCTURED = "application/cloudevents+json";
    private static final String SPEC_VERSION = "1.0";

    /** What happened to a delivered event. */
    public record Delivery(String outcome, UUID listingId, long version, UUID eventId) {
    }

    private final ListingCloudEvents cloudEvents;
    private final ListingProjection projection;
    private final ProjectionCounters counters;
    private final ObjectMapper json;
    private final EventSources sources;
    private final EventStore store;
    private final ListingEventCodec codec;
    private final ParkedListings parked;

    @Context
    HttpHeaders headers;

    public CloudEventsResource(ListingCloudEvents cloudEvents, ListingProjection projection, ProjectionCounters counters,
            ObjectMapper json, EventSources sources, EventStore store, ListingEventCodec codec, ParkedListings parked) {
        this.cloudEvents = cloudEvents;
        this.projection = projection;
        this.counters = counters;
        this.json = json;
        this.sources = sources;
        this.store = store;
        this.codec = codec;
        this.parked = parked;
    }

    /** Binary mode: the attributes are ce-* headers; the body is the event's data. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Delivery> binary(String data) {
        return fromTheSource().chain(() -> {
            requireSpecVersion(headers.getHeaderString("ce-specversion"));
            String type = header("type");
            return apply(type, read(() -> cloudEvents.fromAttributes(header("id"), type, header("subject"), header("time"),
                    header(ListingCloudEvents.STREAM_VERSION), data)));
        });
    }

    /** Structured mode: one JSON object with the attributes and the data. */
    @POST
    @Consumes(STRUCTURED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Delivery> structured(String body) {
        return fromTheSource().chain(() -> readStructured(body));
    }

    private Uni<Delivery> readStructured(String body) {
        JsonNode envelope;
        try {
            envelope = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new DeliveryRejection.Malformed("The body is not JSON: " + e.getOriginalMessage());
        }
        if (envelope == null || !envelope.isObject()) {
            throw new DeliveryRejection.Malformed("A structured CloudEvent is a JSON object");
        }
        requireSpecVersion(text(envelope, "specversion"));
        if (envelope.has("data_base64")) {
            throw new DeliveryRejection.Malformed("data_base64 is not accepted: listing events are JSON");
        }
        JsonNode data = envelope.get("data");
        String type = text(envelope, "type");
        return apply(type, read(() -> cloudEvents.fromAttributes(text(envelope, "id"), type,
                text(envelope, "subject"), text(envelope, "time"), text(envelope, ListingCloudEvents.STREAM_VERSION),
                data == null || data.isNull() ? null : data.toString())));
    }

    /** Completes when the caller is the event source; the refusal is counted and logged. */
    private Uni<Void> fromTheSource() {
        return sources.authenticate(headers.getHeaderString(HttpHeaders.AUTHORIZATION))
                .onFailure(DeliveryRejection.Unauthenticated.class).invoke(refused -> {
                    counters.refusedUnauthenticated();
                    LOG.warnf("Refused a delivery to POST /events: %s", refused.getMessage());
                });
    }

    private Uni<Delivery> apply(String type, PublishedEvent delivered) {
        return store.find(delivered.eventId())
                .onFailure().transform(failure -> unavailable(delivered, failure))
                .map(found -> asStored(type, delivered, found.orElse(null)))
                .onFailure(DeliveryRejection.NotInStore.class).invoke(refused -> {
                    counters.refusedNotInStore();
                    LOG.warnf("Refused a delivery to POST /events: %s", refused.getMessage());
                })
                .chain(this::apply);
    }

    /** The event as the store holds it, if the delivery matches it; else NotInStore. */
    private PublishedEvent asStored(String type, PublishedEvent delivered, RecordedEvent stored) {
        if (stored == null) {
            throw new DeliveryRejection.NotInStore("Event " + delivered.eventId() + " is not in the event store");
        }
        String storedType = CloudEventTypes.of(stored);
        if (!stored.streamId().equals(delivered.listingId()) || stored.version() != delivered.version()
                || !storedType.equals(type)) {
            throw new DeliveryRejection.NotInStore("Event " + delivered.eventId() + " is stored as version "
                    + stored.version() + " of listing " + stored.streamId() + " (" + storedType + "), not as delivered");
        }
        return PublishedEvent.of(stored, codec);
    }

    private Uni<Delivery> apply(PublishedEvent event) {
        return projection.apply(List.of(event))
                .onFailure().transform(failure -> unavailable(event, failure))
                .invoke(counters::count)
                // A genuine event (checked against the store) that cannot be applied stops its
                // listing's view: parked, as the Kafka projector parks what it dead-letters.
                .call(outcome -> outcome.rejected().isEmpty() || outcome.rejected().getFirst().outOfOrder()
                        ? Uni.createFrom().voidItem()
                        : parked.park(List.of(new ParkedListings.DeadLetter(event.listingId(), outcome.rejected().getFirst().reason())))
                                .onFailure().transform(failure -> unavailable(event, failure)))
                .chain(outcome -> {
                    if (outcome.rejected().isEmpty()) {
                        String result = outcome.applied().isEmpty() ? "duplicate" : "applied";
                        return Uni.createFrom().item(new Delivery(result, event.listingId(), event.version(), event.eventId()));
                    }
                    ListingProjection.Rejected rejected = outcome.rejected().getFirst();
                    if (!rejected.outOfOrder()) {
                        throw new DeliveryRejection.NotApplicable(rejected.reason());
                    }
                    return outOfOrder(event, rejected);
                });
    }

    /**
     * An event after a missing one: 409, so the source retries until the missing one is applied,
     * unless its listing is parked. Then the missing one will not come (it was dead-lettered),
     * and retrying would hold the whole partition behind it (ordered delivery): 200 "parked",
     * nothing written; the replay from the event store applies it with the rest.
     */
    private Uni<Delivery> outOfOrder(PublishedEvent event, ListingProjection.Rejected rejected) {
        return parked.isParked(event.listingId())
                .onFailure().transform(failure -> unavailable(event, failure))
                .map(isParked -> {
                    if (!isParked) {
                        throw new DeliveryRejection.OutOfOrder(rejected.reason());
                    }
                    return new Delivery("parked", event.listingId(), event.version(), event.eventId());
                });
    }

    /** A transient fault (the database): 503, and the source delivers the event again later. */
    private DeliveryRejection unavailable(PublishedEvent event, Throwable failure) {
        String reason = DatabaseBusy.describe(failure);
        LOG.warnf("Could not apply delivered event %s: %s", event.eventId(), reason);
        counters.failed(reason);
        return new DeliveryRejection.Unavailable("The read model cannot be written now; retry");
    }

    private static PublishedEvent read(Supplier<PublishedEvent> reading) {
        try {
            return reading.get();
        } catch (UnreadableEvent e) {
            throw new DeliveryRejection.Malformed(e.getMessage());
        }
    }

    private static void requireSpecVersion(String version) {
        if (!SPEC_VERSION.equals(version)) {
            throw new DeliveryRejection.Malformed("Only CloudEvents specversion 1.0 is accepted, not " + version);
        }
    }

    private String header(String attribute) {
        return headers.getHeaderString("ce-" + attribute);
    }

    private static String text(JsonNode envelope, String attribute) {
        JsonNode value = envelope.get(attribute);
        return value == null || value.isNull() ? null : value.asText();
    }
}
