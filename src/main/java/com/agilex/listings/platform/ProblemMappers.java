package com.agilex.listings.platform;

import com.agilex.listings.domain.FieldError;
import com.agilex.listings.domain.ListingRejection;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Failures every module shares become HTTP answers here: RFC 9457 problem+json, never a stack
 * trace. Each module maps its own exceptions the same way ({@code CommandProblems},
 * {@code QueryProblems}, {@code ProjectionProblems}) through {@link #problem}. The database being
 * unavailable or busy is a 503 to retry; anything mapped nowhere is a fault: it is logged with an
 * id and answered with a bare 500.
 */
public class ProblemMappers {

    /** Jackson's message for a key given twice (JsonParser.Feature.STRICT_DUPLICATE_DETECTION). */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("^Duplicate field '(.{1,100})'");

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidCommand(ListingRejection.InvalidCommand e, UriInfo uri) {
        return problem(400, "invalid-command", "Invalid request", e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response illegalTransition(ListingRejection.IllegalTransition e, UriInfo uri) {
        return problem(409, "illegal-transition", "Illegal state transition", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response conflict(ListingRejection.Conflict e, UriInfo uri) {
        return problem(409, "conflict", "Conflict", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response notPermitted(ListingRejection.NotPermitted e, UriInfo uri) {
        return problem(403, "not-permitted", "Not permitted", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response notFound(ListingRejection.NotFound e, UriInfo uri) {
        return problem(404, "listing-not-found", "Listing not found", e.getMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimits.RateLimited e, UriInfo uri) {
        return Response.fromResponse(problem(429, "rate-limited", "Too many requests", e.getMessage(), uri, null))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .build();
    }

    /** Jackson's mapping errors; the subtype is named so that it wins over Quarkus' bare 400. */
    @ServerExceptionMapper({MismatchedInputException.class, JsonMappingException.class})
    public Response unreadableJson(JsonMappingException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String message = e instanceof UnrecognizedPropertyException ? "is not a known field" : "has the wrong type or format";
        List<FieldError> errors = field.isEmpty() ? null : List.of(new FieldError(field, message));
        return problem(400, "invalid-body", "Invalid request body",
                "The request body does not have the expected shape", uri, errors);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(401, null, "Unauthorized",
                        "A valid bearer token is required", uri, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, null, "Forbidden", "The token does not allow this", uri, null);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Response original = e.getResponse();
        if (original.getStatus() >= 500) {
            return fault(e, uri);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unreadableJson(mapping, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            // Quarkus wraps a JSON syntax error in a plain 400.
            Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(json.getOriginalMessage()));
            List<FieldError> errors = duplicate.find() ? List.of(new FieldError(duplicate.group(1), "appears more than once")) : null;
            return problem(400, "malformed-body", "Malformed JSON", "The request body is not valid JSON", uri, errors);
        }
        Response.ResponseBuilder answer = Response.fromResponse(problem(original.getStatus(), null,
                original.getStatusInfo().getReasonPhrase(), e.getMessage(), uri, null));
        // Keep what tells the client how to recover (Allow on 405, Accept-Post…).
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        return answer.build();
    }

    @ServerExceptionMapper
    public Response fault(Throwable e, UriInfo uri) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            return databaseUnavailable(e, uri);
        }
        if (DatabaseBusy.isCauseOf(e)) {
            return databaseBusy(uri);
        }
        if (StatementTimeout.isCauseOf(e)) {
            return statementTimedOut(uri);
        }
        String id = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", id, uri.getPath());
        return problem(500, null, "Internal Server Error", "Unexpected failure; reference " + id, uri, null);
    }

    /** Not a fault of the service's: no stack trace, and the client is told when to try again. */
    private Response databaseUnavailable(Throwable e, UriInfo uri) {
        LOG.warnf("Database unavailable on %s: %s", uri.getPath(), e.getMessage());
        // Longer than the 1 s of the other 503s: an outage rarely clears that soon, and every
        // client retrying each second would crowd the database as it comes back.
        return Response.fromResponse(problem(503, "database-unavailable", "Database unavailable",
                        "The database cannot be reached now; try again later", uri, null))
                .header(HttpHeaders.RETRY_AFTER, "5")
                .build();
    }

    /** Every pooled connection stayed in use for the whole wait: overload, not a fault. */
    private Response databaseBusy(UriInfo uri) {
        LOG.warnf("Database busy on %s: %s", uri.getPath(), DatabaseBusy.DESCRIPTION);
        return Response.fromResponse(problem(503, "database-busy", "Database busy",
                        "Every database connection is in use; nothing was written, try again", uri, null))
                .header(HttpHeaders.RETRY_AFTER, "1")
                .build();
    }

    /** A statement ran past the statement timeout and was cancelled: overload, or a lock held too long. */
    private Response statementTimedOut(UriInfo uri) {
        LOG.warnf("Statement timeout on %s", uri.getPath());
        return Response.fromResponse(problem(503, "database-timeout", "Database timeout",
                        "The database did not finish in time; nothing was written, try again", uri, null))
                .header(HttpHeaders.RETRY_AFTER, "1")
                .build();
    }

    /** A problem+json answer; {@code type} is the last segment of the problem type URI, null for about:blank. */
    public static Response problem(int status, String type, String title, String detail, UriInfo uri, List<FieldError> errors) {
        var body = new Problem(type == null ? "about:blank" : Problem.TYPE_PREFIX + type, title, status, detail,
                uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
