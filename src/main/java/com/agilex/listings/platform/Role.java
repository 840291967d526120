package com.agilex.listings.platform;

import com.agilex.listings.observability.ProjectorReadiness;
import com.agilex.listings.observability.RelayBacklogCheck;
import java.util.Locale;
import java.util.Map;

/**
 * What this process does, from one image: {@code LISTINGS_ROLE} = {@code all} (the default),
 * {@code command}, {@code query} or {@code projector}. Each role serves its routes only (the
 * others answer 404) and starts only what it needs, through the settings in {@link #settings()}
 * (see {@link RoleConfigSourceFactory}).
 */
public enum Role {
    /** Everything in one process: development, small deployments. */
    ALL(Map.of()),
    /** The command API and the relay that publishes the event store to Kafka. */
    COMMAND(Map.of(
            "quarkus.datasource.\"read\".active", "false",
            checkEnabled(ProjectorReadiness.class), "false",
            "mp.messaging.incoming.listings-events-in.enabled", "false",
            "mp.messaging.outgoing.listings-events-dlq.enabled", "false")),
    /** The query API, the audit trail and time travel: reads only. */
    QUERY(Map.of(
            checkEnabled(RelayBacklogCheck.class), "false",
            checkEnabled(ProjectorReadiness.class), "false",
            "listings.relay.enabled", "false",
            "mp.messaging.incoming.listings-events-in.enabled", "false",
            "mp.messaging.outgoing.listings-events-out.enabled", "false",
            "mp.messaging.outgoing.listings-events-dlq.enabled", "false")),
    /** The projector: the Kafka consumer (unless disabled for Knative, which delivers to POST /events) and the admin endpoints. */
    PROJECTOR(Map.of(
            checkEnabled(RelayBacklogCheck.class), "false",
            "listings.relay.enabled", "false",
            "mp.messaging.outgoing.listings-events-out.enabled", "false"));

    // A channel a role never uses is disabled: no Kafka client. The beans that use one
    // (KafkaRelay, KafkaProjector) are never created there: their emitter would have no channel.
    // The producers of the channels a role keeps are created on first use (lazy-client, in
    // application.properties): a Knative projector, fed over HTTP, never makes its dead-letter one.
    // The "read" datasource (the query API's, maybe a replica) is of no use to the command role:
    // inactive there, and out of its readiness.
    // Readiness checks only what the role runs: the relay's and the projector's checks are off
    // where there is no relay or no projector (they would always answer UP there).

    public static final String PROPERTY = "listings.role";

    private final Map<String, String> settings;

    Role(Map<String, String> settings) {
        this.settings = settings;
    }

    /** The setting that turns one of our health checks on or off (SmallRye Health, by class). */
    private static String checkEnabled(Class<?> check) {
        return "quarkus.smallrye-health.check.\"" + check.getName() + "\".enabled";
    }

    /** The configuration this role implies; explicit settings (environment, -D) still win. */
    public Map<String, String> settings() {
        return settings;
    }

    public static Role parse(String value) {
        if (value == null || value.isBlank()) {
            return ALL;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LISTINGS_ROLE must be all, command, query or projector, not " + value);
        }
    }

    /** Whether this process serves the query API. */
    public boolean servesQueries() {
        return this == ALL || this == QUERY;
    }

    /** Whether this process takes commands (and so appends events and keeps idempotency keys). */
    public boolean takesCommands() {
        return this == ALL || this == COMMAND;
    }

    /** Whether a request belongs to this role; the health, metrics and OpenAPI endpoints belong to all. */
    public boolean serves(String method, String path) {
        if (this == ALL || path.startsWith("/q/")) {
            return true;
        }
        boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        boolean listings = path.equals("/listings") || path.startsWith("/listings/") || path.startsWith("/stats")
                || path.startsWith("/sellers");
        boolean projector = path.equals("/events") || path.startsWith("/admin");
        return switch (this) {
            case COMMAND -> listings && !read && !path.startsWith("/stats") && !path.startsWith("/sellers");
            case QUERY -> listings && read;
            case PROJECTOR -> projector;
            case ALL -> true;
        };
    }
}
