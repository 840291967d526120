package com.agilex.listings.projection;

import com.agilex.listings.eventstore.ListingEventCodec.UnreadableEvent;
import com.agilex.listings.observability.LogContext;
import com.agilex.listings.observability.Tracing;
import com.agilex.listings.platform.DatabaseBusy;
import com.agilex.listings.platform.SafeContext;
import com.agilex.listings.contract.ListingCloudEvents;
import com.agilex.listings.contract.PublishedEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The projector as a Kafka consumer (group listings-projector). It takes the records a poll
 * returned as one batch, applies them in order in one transaction, sends those that can never
 * be applied to the dead-letter topic with the reason (and parks their listings: ParkedListings),
 * and only then acknowledges the batch.
 * Any other failure (PostgreSQL down) is retried with back-off: nothing is skipped.
 */
@ApplicationScoped
public class KafkaProjector {

    private static final Logger LOG = Logger.getLogger(KafkaProjector.class);
    /** The header that says why a record is on the dead-letter topic. */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";

    private final ListingCloudEvents cloudEvents;
    private final ListingProjection projection;
    private final ProjectionCounters counters;
    private final MutinyEmitter<String> deadLetters;
    private final ParkedListings parked;
    private final Tracer tracer;
    private final Vertx vertx;

    public KafkaProjector(ListingCloudEvents cloudEvents, ListingProjection projection, ProjectionCounters counters,
            @Channel("listings-events-dlq") MutinyEmitter<String> deadLetters, ParkedListings parked, Tracer tracer, Vertx vertx) {
        this.cloudEvents = cloudEvents;
        this.projection = projection;
        this.counters = counters;
        this.deadLetters = deadLetters;
        this.parked = parked;
        this.tracer = tracer;
        this.vertx = vertx;
    }

    @Incoming("listings-events-in")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        Span span = projectionSpan(batch);
        // A context of the batch's own, where the span stays current until the batch is done:
        // the statements of the apply path become its children.
        return SafeContext.run(vertx, () -> {
            Scope scope = span.makeCurrent();
            return project(batch)
                    .onFailure().invoke(span::recordException)
                    .onTermination().invoke(() -> {
                        scope.close();
                        span.end();
                    });
        });
    }

    /**
     * One span for the batch, a child of its first record's consumer span (so a batch of one
     * event sits in its command's trace), linked to the other records' spans.
     */
    private Span projectionSpan(KafkaRecordBatch<String, String> batch) {
        var records = new ArrayList<Context>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            records.add(record.getMetadata(TracingMetadata.class).map(TracingMetadata::getCurrentContext)
                    .orElseGet(() -> Tracing.contextOf(traceparentHeader(record))));
        }
        var builder = tracer.spanBuilder(ProjectionRebuild.PROJECTION + " project")
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(Tracing.PROJECTION, ProjectionRebuild.PROJECTION)
                .setAttribute("messaging.batch.message_count", (long) records.size());
        if (records.isEmpty()) {
            builder.setNoParent();
        } else {
            builder.setParent(records.getFirst());
            Tracing.spansOf(records.subList(1, records.size())).forEach(linked -> builder.addLink(linked.getSpanContext()));
        }
        return builder.startSpan();
    }

    private Uni<Void> project(KafkaRecordBatch<String, String> batch) {
        var readable = new ArrayList<PublishedEvent>();
        Map<PublishedEvent, KafkaRecord<String, String>> recordOf = new IdentityHashMap<>();
        var deadLettered = new ArrayList<Uni<Void>>();
        var parking = new ArrayList<ParkedListings.DeadLetter>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                PublishedEvent event = cloudEvents.fromCloudEvent(
                        record.getMetadata(IncomingKafkaCloudEventMetadata.class).orElse(null), record.getPayload());
                readable.add(event);
                recordOf.put(event, record);
            } catch (UnreadableEvent e) {
                deadLettered.add(deadLetter(record, e.getMessage()));
                listingIdOf(record).ifPresent(listing -> parking.add(new ParkedListings.DeadLetter(listing, e.getMessage())));
            }
        }
        return applyUntilStored(readable)
                .chain(outcome -> {
                    counters.count(outcome);
                    recordOnSpan(outcome);
                    outcome.rejected().forEach(rejected -> {
                        deadLettered.add(deadLetter(recordOf.get(rejected.event()), rejected.reason()));
                        parking.add(new ParkedListings.DeadLetter(rejected.event().listingId(), rejected.reason()));
                    });
                    counters.countDeadLettered(deadLettered.size());
                    return deadLettered.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : Uni.join().all(deadLettered).andFailFast()
                                    .invoke(() -> counters.countDeadLetterRecords(deadLettered.size()))
                                    .replaceWithVoid();
                })
                // Retried until stored, as the events are: a dead letter never goes unrecorded.
                .chain(() -> parking.isEmpty() ? Uni.createFrom().voidItem() : parked.park(parking)
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely())
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .invoke(() -> {
                    batch.getRecords().forEach(record -> counters.acknowledged(record.getPartition(), offsetOf(record)));
                    readable.stream().map(PublishedEvent::recordedAt).max(Comparator.naturalOrder())
                            .ifPresent(counters::appliedUpTo);
                });
    }

    /** Each applied event as an event of the batch's span: which listing, type and version. */
    private static void recordOnSpan(ListingProjection.Outcome outcome) {
        Span span = Span.current();
        for (PublishedEvent event : outcome.applied()) {
            span.addEvent("event applied", Attributes.of(
                    AttributeKey.stringKey(Tracing.LISTING_ID), event.listingId().toString(),
                    AttributeKey.stringKey(Tracing.EVENT_TYPE), event.event().getClass().getSimpleName(),
                    AttributeKey.longKey(Tracing.EVENT_VERSION), event.version()));
        }
        span.setAttribute("listings.events.applied", (long) outcome.applied().size())
                .setAttribute("listings.events.duplicates", (long) outcome.duplicates())
                .setAttribute("listings.events.rejected", (long) outcome.rejected().size());
    }

    /** The record's key, when it is a listing id (a record that is not a CloudEvent may have any key). */
    private static Optional<UUID> listingIdOf(KafkaRecord<String, String> record) {
        try {
            return Optional.of(UUID.fromString(String.valueOf(record.getKey())));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static long offsetOf(KafkaRecord<String, String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
    }

    private static String traceparentHeader(KafkaRecord<String, String> record) {
        Header header = record.getHeaders().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private Uni<ListingProjection.Outcome> applyUntilStored(List<PublishedEvent> events) {
        return projection.apply(events)
                .onFailure().invoke(failure -> {
                    String reason = DatabaseBusy.describe(failure);
                    LOG.warnf("Could not apply %d events, retrying: %s", events.size(), reason);
                    counters.attemptFailed(reason);
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    /** The record as it came (key, value, headers) plus where it came from and why it is here. */
    private Uni<Void> deadLetter(KafkaRecord<String, String> record, String reason) {
        counters.failed("Dead-lettered: " + reason);
        long offset = offsetOf(record);
        MDC.put(LogContext.LISTING_ID, String.valueOf(record.getKey()));
        Header correlation = record.getHeaders().lastHeader("ce_" + ListingCloudEvents.CORRELATION_ID);
        if (correlation != null) {
            MDC.put(LogContext.CORRELATION_ID, new String(correlation.value(), StandardCharsets.UTF_8));
        }
        LOG.warnf("Dead-lettering %s-%d@%d: %s", record.getTopic(), record.getPartition(), offset, reason);
        var headers = new RecordHeaders(record.getHeaders().toArray());
        headers.add(DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.getTopic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.getPartition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(record.getKey()).withHeaders(headers).build();
        return deadLetters.sendMessage(Message.of(record.getPayload(), Metadata.of(metadata)));
    }
}
