package com.agilex.listings.relay;

import com.agilex.listings.eventstore.EventsAppended;
import com.agilex.listings.platform.DatabaseBusy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts, wakes and stops this process's {@link KafkaRelay} where the role runs one
 * (LISTINGS_RELAY_ENABLED), or runs it once and exits (LISTINGS_RELAY_PUBLISH_AND_EXIT).
 * Elsewhere the relay is never created, and so neither is the Kafka channel it sends on: the
 * roles without a relay disable that channel (platform/Role), and an observer on KafkaRelay
 * itself would create it at the first event.
 */
@ApplicationScoped
public class RelayLifecycle {

    private static final Logger LOG = Logger.getLogger(RelayLifecycle.class);

    private final RelayConfig config;
    private final Instance<KafkaRelay> relay;
    private final RelayWakeups wakeups;

    public RelayLifecycle(RelayConfig config, Instance<KafkaRelay> relay, RelayWakeups wakeups) {
        this.config = config;
        this.relay = relay;
        this.wakeups = wakeups;
    }

    void start(@Observes StartupEvent start, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        if (config.publishAndExit()) {
            publishAndExit();
        } else if (config.enabled()) {
            KafkaRelay running = relay.get();
            running.start();
            // Which command process publishes: what an operator (and bench/faults) looks for after a failover.
            Gauge.builder("listings.relay.leader", running, leader -> leader.isLeader() ? 1 : 0)
                    .description("1 where this process's relay holds the leadership and publishes, 0 where it waits")
                    .register(registry);
            wakeups.listen(url, user, password, () -> {
                if (running.isLeader()) {
                    running.wake();
                }
            });
        }
    }

    /** listings.relay.publish-and-exit: one pass instead of a running relay, then the process exits. */
    private void publishAndExit() {
        if (!config.enabled()) {
            // A role without a relay would publish nothing: say so rather than exit 0 having done nothing.
            LOG.error("listings.relay.publish-and-exit needs a relay; run it with LISTINGS_ROLE=command");
            Quarkus.asyncExit(1);
            return;
        }
        relay.get().publishOnce().subscribe().with(published -> {
            if (published.isPresent()) {
                LOG.infof("Relay %s published %d events, all that was committed; exiting", config.name(), published.getAsLong());
            } else {
                LOG.infof("Relay %s is publishing in another process; nothing to do, exiting", config.name());
            }
            Quarkus.asyncExit(0);
        }, failure -> {
            LOG.errorf("Relay %s could not publish; exiting with status 1 (the next run goes on from its checkpoint): %s",
                    config.name(), DatabaseBusy.describe(failure));
            Quarkus.asyncExit(1);
        });
    }

    void onAppended(@Observes EventsAppended appended) {
        if (config.enabled()) {
            KafkaRelay running = relay.get();
            running.wake();
            if (!running.isLeader()) {
                wakeups.tellLeader();
            }
        }
    }

    // Shutdown observers run on the main thread, never on an event loop: the relay may block
    // there until it has drained, so that the process exits with nothing claimed and unpublished.
    void stop(@Observes ShutdownEvent stop) {
        if (config.enabled()) {
            wakeups.close();
            relay.get().stop();
        }
    }
}
