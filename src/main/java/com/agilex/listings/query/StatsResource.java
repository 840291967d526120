package com.agilex.listings.query;

import com.agilex.listings.platform.ServedBy;
import com.agilex.listings.platform.Role;
import com.agilex.listings.domain.FieldError;
import com.agilex.listings.domain.Text;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/** Statistics from the read model. Public, but for a seller's revenue: that seller's and the admins' ({@link Viewer}). */
@RegisterForReflection
@ServedBy(Role.QUERY)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final ListingViews views;

    private final CurrentIdentityAssociation identities;

    public StatsResource(ListingViews views, CurrentIdentityAssociation identities) {
        this.views = views;
        this.identities = identities;
    }

    /** Per category and currency: listings on the market (published or reserved), sold, and prices on the market. */
    @GET
    @Path("stats/categories")
    public Uni<List<ListingViews.CategoryStats>> categories() {
        return views.categoryStats();
    }

    /** A seller's dashboard: listings by status and revenue per currency (zeros for a seller with none). */
    @GET
    @Path("sellers/{sellerId}/stats")
    public Uni<RestResponse<ListingViews.SellerStats>> seller(@PathParam("sellerId") String sellerId) {
        if (sellerId.isBlank() || sellerId.length() > 255) {
            throw new InvalidQuery(List.of(new FieldError("sellerId", "must be 1 to 255 characters")));
        }
        if (Text.problem(sellerId) != null) {
            throw new InvalidQuery(List.of(new FieldError("sellerId", Text.problem(sellerId))));
        }
        return Uni.combine().all().unis(views.sellerStats(sellerId), Viewer.of(identities)).with((stats, viewer) ->
                RestResponse.ResponseBuilder.ok(viewer.see(stats)).header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION).build());
    }
}
