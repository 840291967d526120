package com.agilex.listings.contract;

import com.agilex.listings.domain.ListingEvent;
import com.agilex.listings.eventstore.ListingEventCodec.UnreadableEvent;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.observability.Tracing;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.CloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The one mapping between stored events and CloudEvents (binary mode on Kafka: ce_* headers,
 * the event's JSON data as the record value, the listing id as the key), both ways.
 */
@ApplicationScoped
public class ListingCloudEvents {

    public static final URI SOURCE = URI.create("/listings");
    /** Extension attribute: the event's version in its listing's stream. */
    public static final String STREAM_VERSION = "streamversion";
    /** Extension attribute (W3C trace context) carried from the command that caused the event. */
    public static final String TRACEPARENT = "traceparent";
    /** The request the event came from (X-Correlation-Id); CloudEvents extension names are lower-case letters. */
    public static final String CORRELATION_ID = "correlationid";

    private final ListingEventCodec codec;

    public ListingCloudEvents(ListingEventCodec codec) {
        this.codec = codec;
    }

    /** The Kafka message that publishes a stored event. */
    public Message<String> toMessage(RecordedEvent event) {
        var cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(event.eventId().toString())
                .withSource(SOURCE)
                .withType(CloudEventTypes.of(event))
                .withSubject(event.streamId().toString())
                .withTimestamp(event.recordedAt().atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension(STREAM_VERSION, event.version());
        if (event.metadata().traceparent() != null) {
            cloudEvent.withExtension(TRACEPARENT, event.metadata().traceparent());
        }
        if (event.metadata().correlationId() != null) {
            // Consumers put it in the log context of what they do with the event.
            cloudEvent.withExtension(CORRELATION_ID, event.metadata().correlationId());
        }
        var kafka = OutgoingKafkaRecordMetadata.<String>builder().withKey(event.streamId().toString()).build();
        // The produce span continues the command's trace, not the relay's (it has none).
        var trace = TracingMetadata.withCurrent(Tracing.contextOf(event.metadata().traceparent()));
        return Message.of(codec.currentData(event), Metadata.of(cloudEvent.build(), kafka, trace));
    }

    /** Reads a published event back; anything missing or unreadable is an {@link UnreadableEvent}. */
    public PublishedEvent fromCloudEvent(CloudEventMetadata<?> cloudEvent, String data) {
        if (cloudEvent == null) {
            throw new UnreadableEvent("Not a CloudEvent (no ce_* headers)");
        }
        return fromAttributes(cloudEvent.getId(), cloudEvent.getType(), cloudEvent.getSubject().orElse(null),
                cloudEvent.getTimeStamp().map(time -> time.toInstant().toString()).orElse(null),
                cloudEvent.getExtension(STREAM_VERSION).map(Object::toString).orElse(null), data);
    }

    /**
     * Reads an event from its CloudEvent attributes (as text, however they travelled: Kafka
     * headers, HTTP headers, a JSON envelope) and its data.
     */
    public PublishedEvent fromAttributes(String id, String type, String subject, String time, String streamVersion,
            String data) {
        require(id, "id");
        require(type, "type");
        require(subject, "subject (the listing id)");
        require(time, "time");
        require(streamVersion, STREAM_VERSION);
        if (data == null || data.isBlank()) {
            throw new UnreadableEvent("The CloudEvent has no data");
        }
        try {
            CloudEventTypes.StoredType stored = CloudEventTypes.parse(type)
                    .orElseThrow(() -> new UnreadableEvent("Unknown CloudEvents type " + type));
            ListingEvent event = codec.decode(stored.name(), stored.schemaVersion(), data);
            return new PublishedEvent(UUID.fromString(id), UUID.fromString(subject), Long.parseLong(streamVersion),
                    OffsetDateTime.parse(time).toInstant(), event);
        } catch (IllegalArgumentException | DateTimeParseException malformed) {
            throw new UnreadableEvent("Malformed CloudEvent attribute: " + malformed.getMessage());
        }
    }

    private static void require(String attribute, String name) {
        if (attribute == null || attribute.isBlank()) {
            throw new UnreadableEvent("The CloudEvent has no " + name);
        }
    }
}
