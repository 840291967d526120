package com.agilex.listings.query;

import com.agilex.listings.platform.Role;
import com.agilex.listings.platform.RolePart;
import java.util.Map;
import java.util.Set;

/**
 * The "read" datasource (the read tables, maybe on a replica) serves the query API and the
 * projector's admin checks. The command role has no use for it: inactive there, and out of its
 * readiness.
 */
public class ReadDatasourcePart implements RolePart {

    @Override
    public Set<Role> runIn() {
        return Set.of(Role.QUERY, Role.PROJECTOR);
    }

    @Override
    public Map<String, String> off() {
        return Map.of("quarkus.datasource.\"read\".active", "false");
    }
}
