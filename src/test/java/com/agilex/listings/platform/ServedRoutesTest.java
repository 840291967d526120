package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** POST /events exists only where a deployment turned it on, and only in a role that projects. */
class ServedRoutesTest {

    @Test
    void the_events_endpoint_is_off_unless_turned_on() {
        assertThat(new ServedRoutes(Role.ALL, false).serves("POST", "/events")).isFalse();
        assertThat(new ServedRoutes(Role.PROJECTOR, false).serves("POST", "/events")).isFalse();
        assertThat(new ServedRoutes(Role.PROJECTOR, false).whyNot("/events")).contains("LISTINGS_EVENTS_ENABLED");

        assertThat(new ServedRoutes(Role.PROJECTOR, true).serves("POST", "/events")).isTrue();
        assertThat(new ServedRoutes(Role.ALL, true).serves("POST", "/events")).isTrue();
        assertThat(new ServedRoutes(Role.QUERY, true).serves("POST", "/events")).as("not a projecting role").isFalse();
        assertThat(new ServedRoutes(Role.ALL, false).serves("POST", "/listings")).as("other routes as the role says").isTrue();
    }
}
