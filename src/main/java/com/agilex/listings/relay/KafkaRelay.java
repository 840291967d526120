package com.agilex.listings.relay;

import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.ReaderCheckpoints;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.eventstore.WriteSessions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * This process' relay to the Kafka topic listings.events (channel listings-events-out), started
 * with the application and woken by every command that commits.
 */
@ApplicationScoped
public class KafkaRelay {

    private final RelayConfig config;
    private final MutinyEmitter<String> emitter;
    private final ListingCloudEvents cloudEvents;
    private final EventRelay relay;
    private volatile boolean running;

    public KafkaRelay(RelayConfig config, EventStore store, ReaderCheckpoints checkpoints, WriteSessions sessions,
            Pool pool, Vertx vertx, ListingCloudEvents cloudEvents,
            @Channel("listings-events-out") MutinyEmitter<String> emitter) {
        this.config = config;
        this.emitter = emitter;
        this.cloudEvents = cloudEvents;
        this.relay = new EventRelay(config, config.name(), store, checkpoints, sessions,
                new RelayLeadership(pool, config.name()), this::publish, vertx);
    }

    void start(@Observes StartupEvent start) {
        if (config.enabled()) {
            relay.start();
            running = true;
        }
    }

    /** Whether this process runs a relay (LISTINGS_RELAY_ENABLED, off in the query and projector roles). */
    public boolean isRunning() {
        return running;
    }

    void stop(@Observes ShutdownEvent stop) {
        // Shutdown observers run on the main thread: waiting here lets the lock go before exit.
        relay.stop().await().atMost(EventRelay.DRAIN_ON_STOP.plusSeconds(5));
    }

    void onAppended(@Observes EventsAppended appended) {
        if (running) {
            relay.wake();
        }
    }

    /** Sends the batch in order (per listing, the partition keeps it) and completes when all are acknowledged. */
    public Uni<Void> publish(List<RecordedEvent> events) {
        List<Uni<Void>> sends = events.stream().map(event -> emitter.sendMessage(cloudEvents.toMessage(event))).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}
