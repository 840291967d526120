package com.agilex.listings.command;

import com.agilex.listings.platform.ServedBy;
import com.agilex.listings.platform.Role;
import com.agilex.listings.command.CommandBodies.CreateListing;
import com.agilex.listings.command.CommandBodies.Price;
import com.agilex.listings.command.CommandBodies.Sell;
import com.agilex.listings.command.CommandBodies.UpdateDetails;
import com.agilex.listings.command.CommandBodies.Withdraw;
import com.agilex.listings.domain.FieldError;
import com.agilex.listings.domain.ListingCommand;
import com.agilex.listings.domain.ListingRejection;
import com.agilex.listings.domain.PriceInput;
import com.agilex.listings.domain.Text;
import com.agilex.listings.observability.LogContext;
import com.agilex.listings.observability.Tracing;
import com.agilex.listings.observability.CorrelationFilter;
import com.agilex.listings.platform.ETags;
import com.agilex.listings.platform.ListingIds;
import com.agilex.listings.platform.RateLimits;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.opentelemetry.api.trace.Span;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The command API (docs/api.md): a thin HTTP adapter over {@link ListingCommandHandler}. Every
 * command honours If-Match, Idempotency-Key, X-Correlation-Id and traceparent.
 */
@RegisterForReflection
@ServedBy(Role.COMMAND)
@Path("/listings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ListingCommandResource {

    private final ListingCommandHandler handler;
    private final IdempotentCommands idempotent;
    private final JsonWebToken token;
    private final RateLimits limits;
    private final ReservationConfig reservations;

    @Context
    HttpHeaders headers;

    public ListingCommandResource(ListingCommandHandler handler, IdempotentCommands idempotent, JsonWebToken token,
            RateLimits limits, ReservationConfig reservations) {
        this.handler = handler;
        this.idempotent = idempotent;
        this.token = token;
        this.limits = limits;
        this.reservations = reservations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CommandResult>> create(CreateListing body) {
        requireBody(body);
        var command = new ListingCommand.CreateListing(actor(), body.title(), body.description(), body.category(),
                price(body.price()));
        return run(UUID.randomUUID(), command, 201);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Uni<RestResponse<CommandResult>> updateDetails(@PathParam("id") String id, UpdateDetails body) {
        requireBody(body);
        return run(id, new ListingCommand.UpdateDetails(actor(), body.title(), body.description(), body.category()));
    }

    @POST
    @Path("/{id}/price")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CommandResult>> changePrice(@PathParam("id") String id, Price body) {
        requireBody(body);
        return run(id, new ListingCommand.ChangePrice(actor(), price(body)));
    }

    @POST
    @Path("/{id}/publish")
    public Uni<RestResponse<CommandResult>> publish(@PathParam("id") String id) {
        return run(id, new ListingCommand.Publish(actor()));
    }

    @POST
    @Path("/{id}/reserve")
    public Uni<RestResponse<CommandResult>> reserve(@PathParam("id") String id) {
        // Milliseconds: the hold's end round-trips through timestamptz (microseconds) and JSON unchanged.
        Instant holdUntil = Instant.now().plus(reservations.hold()).truncatedTo(ChronoUnit.MILLIS);
        return run(id, new ListingCommand.Reserve(actor(), holdUntil));
    }

    @POST
    @Path("/{id}/release")
    public Uni<RestResponse<CommandResult>> release(@PathParam("id") String id) {
        return run(id, new ListingCommand.ReleaseReservation(actor()));
    }

    /**
     * The body is optional: a POST without one (and without a Content-Type) is accepted. Without
     * a buyer, a reserved listing is sold to its reserving buyer.
     */
    @POST
    @Path("/{id}/sell")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CommandResult>> sell(@PathParam("id") String id, Sell body) {
        return run(id, new ListingCommand.MarkSold(actor(), body == null ? null : body.buyerId()));
    }

    /** The body, with a reason, is optional, as for sell. */
    @POST
    @Path("/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CommandResult>> withdraw(@PathParam("id") String id, Withdraw body) {
        return run(id, new ListingCommand.Withdraw(actor(), body == null ? null : body.reason()));
    }

    private Uni<RestResponse<CommandResult>> run(String rawId, ListingCommand command) {
        return run(ListingIds.parse(rawId), command, 200);
    }

    private Uni<RestResponse<CommandResult>> run(UUID id, ListingCommand command, int successStatus) {
        // Before the command costs a database round trip: a flooding principal is refused here.
        return limits.command(command.actor()).chain(() -> execute(id, command, successStatus));
    }

    private Uni<RestResponse<CommandResult>> execute(UUID id, ListingCommand command, int successStatus) {
        MDC.put(LogContext.LISTING_ID, id.toString());
        Span.current().setAttribute(Tracing.LISTING_ID, id.toString())
                .setAttribute(Tracing.COMMAND, command.getClass().getSimpleName());
        var expected = ExpectedVersion.fromIfMatch(headers.getHeaderString(HttpHeaders.IF_MATCH));
        var context = context();
        String request = RequestFingerprint.of(successStatus == 201 ? null : id, command);
        return idempotent.run(context.actor(), headers.getHeaderString(IdempotentCommands.HEADER), request, id,
                        successStatus, within -> handler.handle(id, command, expected, context.withinAppend(within)))
                .map(answer -> {
                    var response = RestResponse.ResponseBuilder.<CommandResult>create(answer.status())
                            .entity(answer.result())
                            .header(HttpHeaders.ETAG, ETags.of(answer.result().version()));
                    if (answer.status() == 201) {
                        response.location(URI.create("/listings/" + answer.result().id()));
                    }
                    if (answer.replayed()) {
                        response.header(IdempotentCommands.REPLAYED, "true");
                    }
                    return response.build();
                });
    }

    /** The command's trace is the request's span: stored with its events, later work joins it. */
    private CommandContext context() {
        return new CommandContext(actor(), headers.getHeaderString(CorrelationFilter.HEADER), UUID.randomUUID(),
                Tracing.currentTraceparent());
    }

    /**
     * The seller (or buyer) is the token's subject; a token without one identifies nobody, and one
     * that cannot be stored (with events, in views) identifies nobody this service can serve.
     */
    private String actor() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank() || Text.problem(subject) != null) {
            throw new AuthenticationFailedException("The token has no usable subject");
        }
        return subject;
    }

    private static PriceInput price(Price price) {
        return price == null ? null : new PriceInput(price.amount(), price.currency());
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw new ListingRejection.InvalidCommand(List.of(new FieldError("body", "is required")));
        }
    }
}
