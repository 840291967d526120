package com.agilex.listings.platform;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What this process does, from one image: {@code LISTINGS_ROLE} = {@code all} (the default),
 * {@code command}, {@code query} or {@code projector}. Each role serves the routes of the
 * resources marked {@link ServedBy} it (the others answer 404) and starts only the
 * {@link RolePart}s it runs. Read once per process: inject {@code Role} ({@link ProcessRole}).
 */
public enum Role {
    /** Everything in one process: development, small deployments. */
    ALL,
    /** The command API and the relay that publishes the event store to Kafka. */
    COMMAND,
    /** The query API, the audit trail and time travel: reads only. */
    QUERY,
    /** The projector: the Kafka consumer (unless disabled for Knative, which delivers to POST /events) and the admin endpoints. */
    PROJECTOR;

    public static final String PROPERTY = "listings.role";

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

    public boolean runs(RolePart part) {
        return this == ALL || part.runIn().contains(this);
    }

    /** The configuration this role implies: every part it does not run, switched off. Explicit settings (environment, -D) still win. */
    public Map<String, String> settings(Iterable<RolePart> parts) {
        var settings = new HashMap<String, String>();
        for (RolePart part : parts) {
            if (!runs(part)) {
                settings.putAll(part.off());
            }
        }
        return Map.copyOf(settings);
    }

    /** Whether this process serves the query API. */
    public boolean servesQueries() {
        return this == ALL || this == QUERY;
    }

    /** Whether this process takes commands (and so appends events and keeps idempotency keys). */
    public boolean takesCommands() {
        return this == ALL || this == COMMAND;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
