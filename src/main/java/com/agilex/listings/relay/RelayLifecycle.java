package com.agilex.listings.relay;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Starts, wakes and stops this process's {@link KafkaRelay} where the role runs one
 * (LISTINGS_RELAY_ENABLED). Elsewhere the relay is never created, and so neither is the
 * Kafka channel it sends on: the roles without a relay disable that channel (platform/Role),
 * and an observer on KafkaRelay itself would create it at the first event.
 */
@ApplicationScoped
public class RelayLifecycle {

    private final RelayConfig config;
    private final Instance<KafkaRelay> relay;

    public RelayLifecycle(RelayConfig config, Instance<KafkaRelay> relay) {
        this.config = config;
        this.relay = relay;
    }

    void start(@Observes StartupEvent start) {
        if (config.enabled()) {
            relay.get().start();
        }
    }

    void onAppended(@Observes EventsAppended appended) {
        if (config.enabled()) {
            relay.get().wake();
        }
    }

    // Shutdown observers run on the main thread, never on an event loop: the relay may block
    // there until it has drained, so that the process exits with nothing claimed and unpublished.
    void stop(@Observes ShutdownEvent stop) {
        if (config.enabled()) {
            relay.get().stop();
        }
    }
}
