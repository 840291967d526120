package com.agilex.listings.command;

import com.agilex.listings.eventstore.ConcurrencyConflict;
import com.agilex.listings.platform.ProblemMappers;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The command side's failures as problem+json. */
public class CommandProblems {

    @ServerExceptionMapper
    public Response versionMismatch(VersionMismatch e, UriInfo uri) {
        return ProblemMappers.problem(412, "version-mismatch", "Precondition Failed", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response idempotencyKeyReused(IdempotencyRejection.KeyReused e, UriInfo uri) {
        return ProblemMappers.problem(422, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response idempotencyKeyInUse(IdempotencyRejection.KeyInUse e, UriInfo uri) {
        return Response.fromResponse(ProblemMappers.problem(409, "idempotency-key-in-use", "Idempotency-Key in use", e.getMessage(), uri, null))
                .header(HttpHeaders.RETRY_AFTER, "1")
                .build();
    }

    @ServerExceptionMapper
    public Response reservationLimit(ReservationLimitReached e, UriInfo uri) {
        return ProblemMappers.problem(409, "reservation-limit", "Reservation limit reached", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response concurrencyConflict(ConcurrencyConflict e, UriInfo uri) {
        return ProblemMappers.problem(409, "concurrent-modification", "Concurrent modification",
                "The listing kept changing while this command was retried; try again", uri, null);
    }
}
