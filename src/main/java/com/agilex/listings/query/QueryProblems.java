package com.agilex.listings.query;

import com.agilex.listings.platform.ProblemMappers;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The query side's failures as problem+json. */
public class QueryProblems {

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQuery e, UriInfo uri) {
        return ProblemMappers.problem(400, "invalid-query", "Invalid query", e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response notCaughtUp(NotCaughtUp e, UriInfo uri) {
        return Response.fromResponse(ProblemMappers.problem(503, "not-caught-up", "Read model not caught up", e.getMessage(), uri, null))
                .header(HttpHeaders.RETRY_AFTER, "1")
                .build();
    }
}
