package com.agilex.listings.admin;

import com.agilex.listings.platform.ServedBy;
import com.agilex.listings.platform.Role;
import com.agilex.listings.platform.Roles;
import com.agilex.listings.projection.ParkedListings;
import com.agilex.listings.projection.ProjectionCounters;
import com.agilex.listings.projection.ProjectionLag;
import com.agilex.listings.projection.ProjectionRebuild;
import com.agilex.listings.projection.ReadModelTables;
import io.quarkus.runtime.annotations.RegisterForReflection;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/** Operations for users with the role admin. */
@RegisterForReflection
@ServedBy(Role.PROJECTOR)
@Path("/admin")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    /**
     * A projection: its state (REBUILDING, FAILING, PARKED, BEHIND or UP_TO_DATE), its consumer's
     * checkpoint, its lag behind the event store in events and seconds (measured on the tables),
     * what its projector did since start, its last error, the listings parked behind a dead
     * letter, and its last rebuild.
     */
    public record ProjectionStatus(String name, String state, List<String> tables,
            ProjectionCounters.Checkpoint checkpoint, long lagEvents, double lagSeconds, long applied, long duplicates,
            long deadLettered, long parkedListings, String lastError, Instant lastErrorAt, ProjectionRebuild.Progress rebuild) {
    }

    /** An error this recent, with events waiting, means the projector is failing rather than slow. */
    static final Duration RECENT_ERROR = Duration.ofSeconds(30);

    private final ConsistencyCheck consistency;
    private final ProjectionRebuild rebuild;
    private final ProjectionCounters counters;
    private final ProjectionLag lag;
    private final ParkedListings parked;

    public AdminResource(ConsistencyCheck consistency, ProjectionRebuild rebuild, ProjectionCounters counters,
            ProjectionLag lag, ParkedListings parked) {
        this.consistency = consistency;
        this.rebuild = rebuild;
        this.counters = counters;
        this.lag = lag;
        this.parked = parked;
    }

    /** Folds every stream and compares it with listing_view; reports each difference. */
    @GET
    @Path("/consistency")
    public Uni<ConsistencyReport> consistency() {
        return consistency.run();
    }

    @GET
    @Path("/projections")
    public Uni<List<ProjectionStatus>> projections() {
        return Uni.combine().all().unis(lag.measure(), parked.count()).asTuple().map(both -> {
            ProjectionLag.Lag behind = both.getItem1();
            long parkedListings = both.getItem2();
            boolean recentError = counters.lastErrorAt() != null
                    && counters.lastErrorAt().isAfter(Instant.now().minus(RECENT_ERROR));
            // PARKED: behind only where a dead letter stopped a listing's view, until a replay.
            String state = rebuild.isRunning() ? "REBUILDING"
                    : behind.events() == 0 ? "UP_TO_DATE"
                    : recentError ? "FAILING"
                    : parkedListings > 0 ? "PARKED" : "BEHIND";
            return List.of(new ProjectionStatus(ProjectionRebuild.PROJECTION, state, ReadModelTables.LIVE.all(),
                    counters.checkpoint(), behind.events(), behind.oldest().toMillis() / 1000.0, counters.applied(), counters.duplicates(),
                    counters.deadLettered(), parkedListings, counters.lastError(), counters.lastErrorAt(), rebuild.progress()));
        });
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

    /** The listings whose view a dead letter stopped, oldest first (at most ParkedListings.PAGE). */
    @GET
    @Path("/projections/{name}/parked")
    public Uni<List<ParkedListings.Parked>> parked(@PathParam("name") String name) {
        requireKnown(name);
        return parked.list();
    }

    /**
     * After a fix: applies each parked listing's events from the event store and forgets those
     * that caught up; answers what is still parked, and why.
     */
    @POST
    @Path("/projections/{name}/parked/replay")
    public Uni<ParkedListings.Replay> replayParked(@PathParam("name") String name) {
        requireKnown(name);
        return parked.replay();
    }

    private static void requireKnown(String name) {
        if (!ProjectionRebuild.PROJECTION.equals(name)) {
            throw new NotFoundException("No projection named " + name + "; there is " + ProjectionRebuild.PROJECTION);
        }
    }
}
