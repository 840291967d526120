package com.agilex.listings.relay;

import com.agilex.listings.platform.Role;
import com.agilex.listings.platform.RolePart;
import java.util.Map;
import java.util.Set;

/**
 * The relay runs with the command side. Elsewhere its channel is off (no Kafka producer: the
 * bean that would use it is never created there) and its backlog check, which would always
 * answer UP, leaves the health report.
 */
public class RelayPart implements RolePart {

    @Override
    public Set<Role> runIn() {
        return Set.of(Role.COMMAND);
    }

    @Override
    public Map<String, String> off() {
        return Map.of(
                "listings.relay.enabled", "false",
                RolePart.channelEnabled("outgoing", "listings-events-out"), "false",
                RolePart.checkEnabled(RelayBacklogCheck.class), "false");
    }
}
