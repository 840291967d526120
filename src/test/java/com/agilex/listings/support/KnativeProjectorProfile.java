package com.agilex.listings.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The projector as deploy/knative runs it: no Kafka consumer (Knative Eventing delivers to
 * POST /events), the endpoint on, its caller authenticated (here by a shared secret). No relay
 * either, so events a test writes into the store reach the read model only through its deliveries.
 */
public class KnativeProjectorProfile implements QuarkusTestProfile {

    /** What the tests' event source presents as its bearer token. */
    public static final String EVENTS_SECRET = "knative-test-events-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("listings.role", "projector",
                "mp.messaging.incoming.listings-events-in.enabled", "false",
                "listings.events.enabled", "true",
                "listings.events.shared-secret", EVENTS_SECRET,
                // As deployed: the projector's own database login (deploy/database/roles.sql).
                "quarkus.datasource.username", "listings_projector", "quarkus.datasource.password", "listings_projector");
    }
}
