package com.agilex.listings.command;

import com.agilex.listings.command.CommandBodies.CreateListing;
import com.agilex.listings.command.CommandBodies.Price;
import com.agilex.listings.command.CommandBodies.Sell;
import com.agilex.listings.command.CommandBodies.UpdateDetails;
import com.agilex.listings.command.CommandBodies.Withdraw;
import com.agilex.listings.domain.FieldError;
import com.agilex.listings.domain.ListingCommand;
import com.agilex.listings.domain.ListingRejection;
import com.agilex.listings.domain.PriceInput;
import com.agilex.listings.platform.CorrelationFilter;
import com.agilex.listings.platform.ListingIds;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

/** The command API (DESIGN §5): a thin HTTP adapter over {@link ListingCommandHandler}. */
@Path("/listings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ListingCommandResource {

    /** W3C trace context: version-traceid-parentid-flags. */
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private final ListingCommandHandler handler;
    private final JsonWebToken token;

    @Context
    HttpHeaders headers;

    public ListingCommandResource(ListingCommandHandler handler, JsonWebToken token) {
        this.handler = handler;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CommandResult>> create(CreateListing body,
            @HeaderParam(CorrelationFilter.HEADER) String correlationId) {
        requireBody(body);
        UUID id = UUID.randomUUID();
        var command = new ListingCommand.CreateListing(actor(), body.title(), body.description(), body.category(),
                price(body.price()));
        return handler.handle(id, command, ExpectedVersion.NONE, context(correlationId))
                .map(result -> RestResponse.ResponseBuilder.<CommandResult>created(URI.create("/listings/" + id))
                        .header(HttpHeaders.ETAG, ExpectedVersion.etag(result.version()))
                        .entity(result)
                        .build());
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Uni<RestResponse<CommandResult>> updateDetails(@PathParam("id") String id, UpdateDetails body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(CorrelationFilter.HEADER) String correlationId) {
        requireBody(body);
        return run(id, new ListingCommand.UpdateDetails(actor(), body.title(), body.description(), body.category()),
                ifMatch, correlationId);
    }

    @POST
    @Path("/{id}/price")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CommandResult>> changePrice(@PathParam("id") String id, Price body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(CorrelationFilter.HEADER) String correlationId) {
        requireBody(body);
        return run(id, new ListingCommand.ChangePrice(actor(), price(body)), ifMatch, correlationId);
    }

    @POST
    @Path("/{id}/publish")
    public Uni<RestResponse<CommandResult>> publish(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(CorrelationFilter.HEADER) String correlationId) {
        return run(id, new ListingCommand.Publish(actor()), ifMatch, correlationId);
    }

    @POST
    @Path("/{id}/reserve")
    public Uni<RestResponse<CommandResult>> reserve(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(CorrelationFilter.HEADER) String correlationId) {
        return run(id, new ListingCommand.Reserve(actor()), ifMatch, correlationId);
    }

    @POST
    @Path("/{id}/release")
    public Uni<RestResponse<CommandResult>> release(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(CorrelationFilter.HEADER) String correlationId) {
        return run(id, new ListingCommand.ReleaseReservation(actor()), ifMatch, correlationId);
    }

    /**
     * The body is optional: a POST without one (and without a Content-Type) is accepted. Without
     * a buyer, a reserved listing is sold to its reserving buyer.
     */
    @POST
    @Path("/{id}/sell")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CommandResult>> sell(@PathParam("id") String id, Sell body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(CorrelationFilter.HEADER) String correlationId) {
        String buyerId = body == null ? null : body.buyerId();
        return run(id, new ListingCommand.MarkSold(actor(), buyerId), ifMatch, correlationId);
    }

    /** The body, with a reason, is optional, as for sell. */
    @POST
    @Path("/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<CommandResult>> withdraw(@PathParam("id") String id, Withdraw body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(CorrelationFilter.HEADER) String correlationId) {
        String reason = body == null ? null : body.reason();
        return run(id, new ListingCommand.Withdraw(actor(), reason), ifMatch, correlationId);
    }

    private Uni<RestResponse<CommandResult>> run(String id, ListingCommand command, String ifMatch, String correlationId) {
        return handler.handle(ListingIds.parse(id), command, ExpectedVersion.fromIfMatch(ifMatch), context(correlationId))
                .map(result -> RestResponse.ResponseBuilder.ok(result)
                        .header(HttpHeaders.ETAG, ExpectedVersion.etag(result.version()))
                        .build());
    }

    private CommandContext context(String correlationId) {
        String traceparent = headers.getHeaderString("traceparent");
        return new CommandContext(actor(), correlationId, UUID.randomUUID(),
                traceparent != null && TRACEPARENT.matcher(traceparent).matches() ? traceparent : null);
    }

    /** The seller (or buyer) is the token's subject; a token without one identifies nobody. */
    private String actor() {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new AuthenticationFailedException("The token has no subject");
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
