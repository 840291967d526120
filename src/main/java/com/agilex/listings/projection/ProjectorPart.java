package com.agilex.listings.projection;

import com.agilex.listings.platform.Role;
import com.agilex.listings.platform.RolePart;
import java.util.Map;
import java.util.Set;

/**
 * The projector (the Kafka consumer and its dead-letter producer) runs in the projector role.
 * Elsewhere both channels are off (no Kafka client) and its readiness check leaves the report.
 */
public class ProjectorPart implements RolePart {

    @Override
    public Set<Role> runIn() {
        return Set.of(Role.PROJECTOR);
    }

    @Override
    public Map<String, String> off() {
        return Map.of(
                RolePart.channelEnabled("incoming", "listings-events-in"), "false",
                RolePart.channelEnabled("outgoing", "listings-events-dlq"), "false",
                RolePart.checkEnabled(ProjectorReadiness.class), "false");
    }
}
