package com.agilex.listings.admin;

import com.agilex.listings.platform.Roles;
import com.agilex.listings.projection.ProjectionCounters;
import com.agilex.listings.projection.ProjectionRebuild;
import com.agilex.listings.projection.ReadModelTables;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/** Operations for users with the role admin. */
@Path("/admin")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    /** A projection: its tables, what its projector did since start, and its last rebuild. */
    public record ProjectionStatus(String name, List<String> tables, long applied, long duplicates, long deadLettered,
            ProjectionRebuild.Progress rebuild) {
    }

    private final ConsistencyCheck consistency;
    private final ProjectionRebuild rebuild;
    private final ProjectionCounters counters;

    public AdminResource(ConsistencyCheck consistency, ProjectionRebuild rebuild, ProjectionCounters counters) {
        this.consistency = consistency;
        this.rebuild = rebuild;
        this.counters = counters;
    }

    /** Folds every stream and compares it with listing_view; reports each difference. */
    @GET
    @Path("/consistency")
    public Uni<ConsistencyReport> consistency() {
        return consistency.run();
    }

    @GET
    @Path("/projections")
    public List<ProjectionStatus> projections() {
        return List.of(new ProjectionStatus(ProjectionRebuild.PROJECTION, ReadModelTables.LIVE.all(), counters.applied(),
                counters.duplicates(), counters.deadLettered(), rebuild.progress()));
    }

    /** Starts a blue-green rebuild (202); 409 while one runs. Follow it with GET on the same path. */
    @POST
    @Path("/projections/{name}/rebuild")
    public RestResponse<ProjectionRebuild.Progress> startRebuild(@PathParam("name") String name) {
        requireKnown(name);
        return RestResponse.accepted(rebuild.start());
    }

    @GET
    @Path("/projections/{name}/rebuild")
    public ProjectionRebuild.Progress rebuildProgress(@PathParam("name") String name) {
        requireKnown(name);
        return rebuild.progress();
    }

    /** Cancels a running rebuild before its swap; the live tables stay as they are. */
    @DELETE
    @Path("/projections/{name}/rebuild")
    public RestResponse<ProjectionRebuild.Progress> cancelRebuild(@PathParam("name") String name) {
        requireKnown(name);
        return RestResponse.accepted(rebuild.cancel());
    }

    private static void requireKnown(String name) {
        if (!ProjectionRebuild.PROJECTION.equals(name)) {
            throw new NotFoundException("No projection named " + name + "; there is " + ProjectionRebuild.PROJECTION);
        }
    }
}
