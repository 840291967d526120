package com.agilex.listings.query;

import com.agilex.listings.domain.FieldError;
import com.agilex.listings.domain.Text;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Statistics from the read model. Public. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final ListingViews views;

    public StatsResource(ListingViews views) {
        this.views = views;
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
    public Uni<ListingViews.SellerStats> seller(@PathParam("sellerId") String sellerId) {
        if (sellerId.isBlank() || sellerId.length() > 255) {
            throw new InvalidQuery(List.of(new FieldError("sellerId", "must be 1 to 255 characters")));
        }
        if (Text.problem(sellerId) != null) {
            throw new InvalidQuery(List.of(new FieldError("sellerId", Text.problem(sellerId))));
        }
        return views.sellerStats(sellerId);
    }
}
