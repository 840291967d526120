package com.agilex.listings.roles;

import static org.assertj.core.api.Assertions.assertThat;

import com.agilex.listings.admin.AdminResource;
import com.agilex.listings.command.ListingCommandResource;
import com.agilex.listings.history.ListingHistoryResource;
import com.agilex.listings.platform.Role;
import com.agilex.listings.platform.ServedRoutes;
import com.agilex.listings.projection.CloudEventsResource;
import com.agilex.listings.query.ListingQueryResource;
import com.agilex.listings.query.StatsResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The routes each role serves, as the resources declare them (@ServedBy, @Path, the HTTP method). */
class ServedRoutesTest {

    static final List<Class<?>> RESOURCES = List.of(ListingCommandResource.class, ListingQueryResource.class,
            StatsResource.class, ListingHistoryResource.class, CloudEventsResource.class, AdminResource.class);

    static ServedRoutes routes(Role role, boolean eventsEndpoint) {
        return ServedRoutes.of(role, RESOURCES, setting -> setting.equals("listings.events.enabled") && eventsEndpoint);
    }

    @Test
    void each_role_serves_its_resources_routes_and_no_others() {
        ServedRoutes command = routes(Role.COMMAND, true);
        assertThat(command.serves("POST", "/listings")).isTrue();
        assertThat(command.serves("POST", "/listings/42/price")).isTrue();
        assertThat(command.serves("PATCH", "/listings/42")).isTrue();
        assertThat(command.serves("GET", "/listings/42")).as("a query").isFalse();
        assertThat(command.serves("GET", "/listings")).as("a search").isFalse();
        assertThat(command.serves("GET", "/stats/categories")).isFalse();
        assertThat(command.serves("GET", "/admin/projections")).isFalse();

        ServedRoutes query = routes(Role.QUERY, true);
        assertThat(query.serves("GET", "/listings")).isTrue();
        assertThat(query.serves("HEAD", "/listings/42")).as("HEAD as GET").isTrue();
        assertThat(query.serves("GET", "/listings/42/events")).as("the audit trail").isTrue();
        assertThat(query.serves("GET", "/sellers/s-1/stats")).isTrue();
        assertThat(query.serves("POST", "/listings")).isFalse();
        assertThat(query.serves("POST", "/listings/42/price")).isFalse();
        assertThat(query.whyNot("POST", "/listings")).contains("role query");

        ServedRoutes projector = routes(Role.PROJECTOR, true);
        assertThat(projector.serves("POST", "/admin/projections/listing_view/rebuild")).isTrue();
        assertThat(projector.serves("GET", "/listings/42")).isFalse();

        assertThat(routes(Role.ALL, true).serves("DELETE", "/admin/projections/listing_view/rebuild")).isTrue();
    }

    @Test
    void paths_no_resource_declares_are_everyones() {
        for (Role role : Role.values()) {
            assertThat(routes(role, false).serves("GET", "/q/health/ready")).isTrue();
            assertThat(routes(role, false).serves("GET", "/contract/asyncapi.yaml")).isTrue();
        }
    }

    @Test
    void the_events_endpoint_is_off_unless_turned_on() {
        assertThat(routes(Role.ALL, false).serves("POST", "/events")).isFalse();
        assertThat(routes(Role.PROJECTOR, false).serves("POST", "/events")).isFalse();
        assertThat(routes(Role.PROJECTOR, false).whyNot("POST", "/events")).contains("LISTINGS_EVENTS_ENABLED");

        assertThat(routes(Role.PROJECTOR, true).serves("POST", "/events")).isTrue();
        assertThat(routes(Role.ALL, true).serves("POST", "/events")).isTrue();
        assertThat(routes(Role.QUERY, true).serves("POST", "/events")).as("not a projecting role").isFalse();
    }

    @Test
    void the_openapi_templates_follow_the_same_table() {
        assertThat(routes(Role.QUERY, false).servesTemplate("GET", "/listings/{id}")).isTrue();
        assertThat(routes(Role.QUERY, false).servesTemplate("POST", "/listings/{id}/price")).isFalse();
        assertThat(routes(Role.PROJECTOR, false).servesTemplate("POST", "/events")).isFalse();
    }
}
