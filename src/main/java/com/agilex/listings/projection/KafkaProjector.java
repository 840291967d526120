package com.agilex.listings.projection;

import com.agilex.listings.eventstore.ListingEventCodec.UnreadableEvent;
import com.agilex.listings.relay.ListingCloudEvents;
import com.agilex.listings.relay.PublishedEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The projector as a Kafka consumer (group listings-projector): one event at a time, in
 * partition order. An event that can never be applied is nacked, which sends it to the
 * dead-letter topic with the reason (failure-strategy=dead-letter-queue), and the projector goes
 * on. Any other failure (PostgreSQL down) is retried with back-off: nothing is skipped.
 */
@ApplicationScoped
public class KafkaProjector {

    private static final Logger LOG = Logger.getLogger(KafkaProjector.class);

    private final ListingCloudEvents cloudEvents;
    private final ListingProjection projection;
    private final ProjectionCounters counters;

    public KafkaProjector(ListingCloudEvents cloudEvents, ListingProjection projection, ProjectionCounters counters) {
        this.cloudEvents = cloudEvents;
        this.projection = projection;
        this.counters = counters;
    }

    @Incoming("listings-events-in")
    public Uni<Void> consume(Message<String> message) {
        return Uni.createFrom().item(() -> cloudEvents.fromCloudEvent(
                        message.getMetadata(IncomingKafkaCloudEventMetadata.class).orElse(null), message.getPayload()))
                .chain(this::applyUntilStored)
                .invoke(counters::count)
                .chain(outcome -> Uni.createFrom().completionStage(message.ack()))
                .onFailure(KafkaProjector::isPoison).recoverWithUni(poison -> {
                    LOG.warnf("Dead-lettering an event that cannot be applied: %s", poison.getMessage());
                    counters.countDeadLettered();
                    return Uni.createFrom().completionStage(message.nack(poison));
                });
    }

    private Uni<ProjectionOutcome> applyUntilStored(PublishedEvent event) {
        return projection.apply(event)
                .onFailure(failure -> !isPoison(failure))
                .invoke(failure -> LOG.warnf("Could not apply event %s, retrying: %s", event.eventId(), failure.getMessage()))
                .onFailure(failure -> !isPoison(failure))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private static boolean isPoison(Throwable failure) {
        return failure instanceof UnreadableEvent || failure instanceof OutOfOrderEvent;
    }
}
