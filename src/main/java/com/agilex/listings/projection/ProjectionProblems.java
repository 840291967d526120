package com.agilex.listings.projection;

import com.agilex.listings.platform.ProblemMappers;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The projection's failures (a rebuild already running, a delivery to POST /events refused) as problem+json. */
public class ProjectionProblems {

    @ServerExceptionMapper
    public Response rebuildRunning(ProjectionRebuild.AlreadyRunning e, UriInfo uri) {
        return ProblemMappers.problem(409, "rebuild-running", "Rebuild already running", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response deliveryRejected(DeliveryRejection e, UriInfo uri) {
        return switch (e) {
            case DeliveryRejection.Malformed malformed ->
                    ProblemMappers.problem(400, "malformed-event", "Not a listing CloudEvent", e.getMessage(), uri, null);
            case DeliveryRejection.OutOfOrder outOfOrder ->
                    ProblemMappers.problem(409, "event-out-of-order", "An earlier event of this listing is missing", e.getMessage(), uri, null);
            case DeliveryRejection.NotApplicable notApplicable ->
                    ProblemMappers.problem(422, "event-not-applicable", "The event cannot be applied", e.getMessage(), uri, null);
            case DeliveryRejection.NotInStore notInStore ->
                    ProblemMappers.problem(422, "event-not-in-store", "The event store does not hold this event", e.getMessage(), uri, null);
            case DeliveryRejection.Unauthenticated unauthenticated ->
                    Response.fromResponse(ProblemMappers.problem(401, null, "Unauthorized", e.getMessage(), uri, null))
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
            case DeliveryRejection.Unavailable unavailable ->
                    Response.fromResponse(ProblemMappers.problem(503, "read-model-unavailable", "Read model unavailable", e.getMessage(), uri, null))
                            .header(HttpHeaders.RETRY_AFTER, "1").build();
        };
    }
}
