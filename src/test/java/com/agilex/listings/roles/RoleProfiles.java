package com.agilex.listings.roles;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Test profiles that start the service in one role (each restarts the application); the projector's is support/KnativeProjectorProfile. */
final class RoleProfiles {

    private RoleProfiles() {
    }

    public static class Command implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A stall shows within seconds (CommandRoleTest stops Kafka to cause one).
            return Map.of("listings.role", "command", "listings.observability.relay-stalled-after", "PT2S",
                    // As deployed: the command role's own database login (deploy/database/roles.sql).
                    "quarkus.datasource.username", "listings_writer", "quarkus.datasource.password", "listings_writer");
        }
    }

    public static class Query implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Both pools as the reader: the query role works with SELECT alone.
            return Map.of("listings.role", "query",
                    "quarkus.datasource.username", "listings_reader", "quarkus.datasource.password", "listings_reader");
        }
    }
}
