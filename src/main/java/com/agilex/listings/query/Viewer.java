package com.agilex.listings.query;

import com.agilex.listings.domain.ListingStatus;
import com.agilex.listings.platform.Roles;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who reads, as far as privacy goes: the token's subject and whether it is an admin. Drafts are
 * their seller's and the admins'; a buyer's id is that buyer's, the seller's and the admins'; a
 * seller's revenue is that seller's and the admins'. Everything else the query API answers is
 * public.
 */
record Viewer(String subject, boolean admin) {

    static final Viewer ANONYMOUS = new Viewer(null, false);

    /**
     * The request's viewer, authenticated only now (the query routes are public, and lazy
     * authentication keeps the anonymous path free of it). A token that does not verify makes an
     * anonymous viewer, as on every public route.
     */
    static Uni<Viewer> of(CurrentIdentityAssociation identities) {
        return identities.getDeferredIdentity()
                .map(identity -> identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                        || token.getSubject() == null
                        ? ANONYMOUS
                        : new Viewer(token.getSubject(), identity.hasRole(Roles.ADMIN)))
                .onFailure().recoverWithItem(ANONYMOUS);
    }

    boolean is(String user) {
        return subject != null && subject.equals(user);
    }

    /** A seller's drafts and revenue: theirs and the admins'. */
    boolean seesPrivateOf(String seller) {
        return admin || is(seller);
    }

    /** The view as this viewer may see it, or nothing for a draft that is not theirs (answered 404: not even its existence shows). */
    Optional<ListingView> see(ListingView view) {
        if (view.status() == ListingStatus.DRAFT && !seesPrivateOf(view.sellerId())) {
            return Optional.empty();
        }
        boolean buyerShown = view.buyerId() == null || admin || is(view.sellerId()) || is(view.buyerId());
        return Optional.of(buyerShown ? view : view.withoutBuyer());
    }

    ListingViews.SellerStats see(ListingViews.SellerStats stats) {
        return seesPrivateOf(stats.sellerId()) ? stats : stats.withoutRevenue();
    }
}
