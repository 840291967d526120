package com.agilex.listings.query;

import com.agilex.listings.command.ExpectedVersion;
import com.agilex.listings.command.ListingRepository;
import com.agilex.listings.domain.ListingRejection;
import com.agilex.listings.platform.ListingIds;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * GET /listings/{id}. Public. For now it folds the listing's event stream; the read model of
 * the next milestone (a projected listing_view table) replaces this without changing the answer.
 */
@Path("/listings")
@Produces(MediaType.APPLICATION_JSON)
public class ListingQueryResource {

    private final ListingRepository listings;

    public ListingQueryResource(ListingRepository listings) {
        this.listings = listings;
    }

    @GET
    @Path("/{id}")
    public Uni<RestResponse<ListingView>> get(@PathParam("id") String rawId,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        UUID id = ListingIds.parse(rawId);
        return listings.load(id).map(loaded -> {
            if (!loaded.state().exists()) {
                throw new ListingRejection.NotFound();
            }
            String etag = ExpectedVersion.etag(loaded.version());
            if (etag.equals(ifNoneMatch == null ? null : ifNoneMatch.strip())) {
                return RestResponse.ResponseBuilder.<ListingView>notModified().header(HttpHeaders.ETAG, etag).build();
            }
            return RestResponse.ResponseBuilder.ok(ListingView.of(id, loaded.state(), loaded.version()))
                    .header(HttpHeaders.ETAG, etag)
                    .build();
        });
    }
}
