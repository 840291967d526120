package com.agilex.listings.relay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The relay that publishes the event store to Kafka. */
@ConfigMapping(prefix = "listings.relay")
public interface RelayConfig {

    /** Whether this process runs a relay (one of the running relays publishes; see RelayLeadership). */
    @WithDefault("true")
    boolean enabled();

    /** Names the relay's checkpoint and leadership lock: relays with one name share one log position. */
    @WithDefault("kafka-relay")
    String name();

    /** Events read and published per round trip. */
    @WithDefault("200")
    int batchSize();

    /** The sweep that catches whatever a wake-up missed (a crash, another instance's commits). */
    @WithDefault("PT1S")
    Duration sweepInterval();

    /**
     * How long a leader may go without a word to PostgreSQL before the server ends its session,
     * and with it the lock (idle_session_timeout on the lock's connection): a leader frozen, paused
     * or cut off hands over after this long; a crashed one at once (its connection closes). The
     * leader says a word every sweep, and the sweep must be shorter.
     */
    @WithDefault("PT10S")
    Duration leadershipTimeout();

    /** Back-off after a failed publish (Kafka or PostgreSQL down): doubles up to the maximum. */
    @WithDefault("PT0.5S")
    Duration retryBackoffInitial();

    @WithDefault("PT30S")
    Duration retryBackoffMax();

    /**
     * Publish what is committed once, then exit: 0 when done (or when another relay is publishing),
     * 1 when it could not. For a deployment whose relays can all be scaled to zero (Knative: the
     * CronJob listings-relay-sweep), where a crash or a Kafka outage would otherwise leave events
     * unpublished until the next command wakes a relay.
     */
    @WithDefault("false")
    boolean publishAndExit();
}
