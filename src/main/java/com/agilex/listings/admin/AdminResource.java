package com.agilex.listings.admin;

import com.agilex.listings.platform.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operations for users with the role admin. */
@Path("/admin")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final ConsistencyCheck consistency;

    public AdminResource(ConsistencyCheck consistency) {
        this.consistency = consistency;
    }

    /** Folds every stream and compares it with listing_view; reports each difference. */
    @GET
    @Path("/consistency")
    public Uni<ConsistencyReport> consistency() {
        return consistency.run();
    }
}
