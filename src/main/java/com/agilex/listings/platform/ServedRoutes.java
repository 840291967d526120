package com.agilex.listings.platform;

import org.eclipse.microprofile.config.Config;

/**
 * The routes this process serves: those of its role, less {@code POST /events} unless the
 * deployment turned it on ({@code listings.events.enabled}: it applies events to the read model,
 * so it exists only where an event source is meant to call it).
 */
public record ServedRoutes(Role role, boolean eventsEndpoint) {

    static final String EVENTS_PATH = "/events";
    static final String EVENTS_ENABLED = "listings.events.enabled";

    static ServedRoutes of(Config config) {
        return new ServedRoutes(Role.parse(config.getOptionalValue(Role.PROPERTY, String.class).orElse(null)),
                config.getOptionalValue(EVENTS_ENABLED, Boolean.class).orElse(false));
    }

    public boolean serves(String method, String path) {
        if (path.equals(EVENTS_PATH) && !eventsEndpoint) {
            return false;
        }
        return role.serves(method, path);
    }

    /** Why a route is not served, for the 404's detail. */
    String whyNot(String path) {
        return path.equals(EVENTS_PATH) && !eventsEndpoint
                ? EVENTS_PATH + " is off in this process (LISTINGS_EVENTS_ENABLED)"
                : path + " is not served by a process in the role " + role.name().toLowerCase(java.util.Locale.ROOT);
    }
}
