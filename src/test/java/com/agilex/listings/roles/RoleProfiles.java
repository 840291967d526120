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
            return Map.of("listings.role", "command", "listings.observability.relay-stalled-after", "PT2S");
        }
    }

    public static class Query implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("listings.role", "query");
        }
    }
}
