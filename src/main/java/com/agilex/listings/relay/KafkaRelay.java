package com.agilex.listings.relay;

import com.agilex.listings.contract.ListingCloudEvents;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ReaderCheckpoints;
import com.agilex.listings.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.OptionalLong;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * This process's relay to the Kafka topic listings.events (channel listings-events-out), started
 * with the application and woken by every command that commits ({@link RelayLifecycle}).
 */
@ApplicationScoped
public class KafkaRelay {

    private final MutinyEmitter<String> emitter;
    private final ListingCloudEvents cloudEvents;
    private final EventRelay relay;
    private volatile boolean running;

    public KafkaRelay(RelayConfig config, EventStore store, ReaderCheckpoints checkpoints, Pool pool, Vertx vertx, ListingCloudEvents cloudEvents,
            @Channel("listings-events-out") MutinyEmitter<String> emitter) {
        if (config.sweepInterval().compareTo(config.leadershipTimeout()) >= 0) {
            throw new IllegalArgumentException("listings.relay.sweep-interval (" + config.sweepInterval()
                    + ") must be shorter than listings.relay.leadership-timeout (" + config.leadershipTimeout()
                    + "): the leader's heartbeat goes with each sweep");
        }
        this.emitter = emitter;
        this.cloudEvents = cloudEvents;
        this.relay = new EventRelay(config, config.name(), store, checkpoints,
                new RelayLeadership(pool, config.name(), config.leadershipTimeout()), this::publish, vertx);
    }

    /** Called once, at start, where the role runs a relay (see {@link RelayLifecycle}). */
    void start() {
        relay.start();
        running = true;
    }

    /** Whether the relay has started (it is created only where the role runs one). */
    public boolean isRunning() {
        return running;
    }

    /** Publishes what is committed, once (see {@link EventRelay#publishOnce()}); this relay must not be started. */
    Uni<OptionalLong> publishOnce() {
        return relay.publishOnce();
    }

    /** Whether this process's relay is the one publishing now. */
    boolean isLeader() {
        return relay.isLeader();
    }

    /** Wakes the relay at once: a command committed. */
    void wake() {
        relay.wake();
    }

    /**
     * Blocks until the relay has published what it claimed and let its lock go (or the drain
     * time is up): call it from the main thread only, as {@link RelayLifecycle} does at shutdown.
     */
    void stop() {
        relay.stop().await().atMost(EventRelay.DRAIN_ON_STOP.plusSeconds(5));
    }

    /** Sends the batch in order (per listing, the partition keeps it) and completes when all are acknowledged. */
    public Uni<Void> publish(List<RecordedEvent> events) {
        List<Uni<Void>> sends = events.stream().map(event -> emitter.sendMessage(cloudEvents.toMessage(event))
                .onFailure(KafkaRelay::retriesExhausted).transform(Throwable::getCause)).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    /**
     * SmallRye's Kafka sink retries a send until delivery.timeout.ms, then fails it with Mutiny's
     * "Retries exhausted : 0 attempts against …/… expiration", which names no fault; its cause does
     * (e.g. Kafka's "Topic … not present in metadata after 10000 ms": no broker answered).
     */
    private static boolean retriesExhausted(Throwable failure) {
        return failure instanceof IllegalStateException && failure.getCause() != null
                && String.valueOf(failure.getMessage()).startsWith("Retries exhausted");
    }
}
