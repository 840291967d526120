package com.agilex.listings.query;

import com.agilex.listings.platform.ServedBy;
import com.agilex.listings.platform.Role;
import com.agilex.listings.domain.FieldError;
import com.agilex.listings.domain.ListingRejection;
import com.agilex.listings.domain.ListingStatus;
import com.agilex.listings.platform.ETags;
import com.agilex.listings.platform.Delays;
import com.agilex.listings.platform.ListingIds;
import com.agilex.listings.platform.RateLimits;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The query API over the read model. Public: no token needed; with one, a seller also sees their
 * drafts and the buyers of their listings, a buyer their own id ({@link Viewer}). Answers vary
 * with the Authorization header, and say so to caches.
 */
@RegisterForReflection
@ServedBy(Role.QUERY)
@Path("/listings")
@Produces(MediaType.APPLICATION_JSON)
public class ListingQueryResource {

    private final ListingViews views;
    private final QueryConfig config;
    private final Vertx vertx;
    /** A waiting read looks again at least this often, in case an announcement was lost. */
    static final long UNANNOUNCED_MILLIS = 250;

    private final ViewCache cache;
    private final VersionWaiters waiters;

    private final CurrentIdentityAssociation identities;

    private final RateLimits limits;

    public ListingQueryResource(ListingViews views, QueryConfig config, Vertx vertx, ViewChanges changes,
            CurrentIdentityAssociation identities, RateLimits limits) {
        this.limits = limits;
        this.views = views;
        this.config = config;
        this.vertx = vertx;
        this.cache = changes.cache();
        this.waiters = changes.waiters();
        this.identities = identities;
    }

    /**
     * One listing. With {@code ?minVersion=N} (e.g. the version a command just answered), waits
     * without blocking, up to listings.query.min-version-timeout, until the view reflects it.
     */
    @GET
    @Path("/{id}")
    public Uni<RestResponse<ListingView>> get(@PathParam("id") String rawId, @RestQuery String minVersion,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        UUID id = ListingIds.parse(rawId);
        long asked = parseMinVersion(minVersion);
        // Never older than what this process served before (the read datasource may lag).
        long wanted = Math.max(asked, cache.served(id));
        // Authenticated once, whether the answer or the rate limit asks first.
        Uni<Viewer> viewer = Viewer.of(identities).memoize().indefinitely();
        Optional<ListingView> kept = cache.fresh(id, wanted);
        Uni<Optional<ListingView>> found;
        if (kept.isPresent()) {
            found = Uni.createFrom().item(kept);
        } else {
            // A read that may wait costs its caller's allowance (a flood of them would hold requests open).
            Uni<Void> charged = asked > 0 ? viewer.chain(reader -> limits.waitingRead(reader.subject())) : Uni.createFrom().voidItem();
            found = charged.chain(() -> {
                long ticket = cache.ticket();
                long deadline = System.currentTimeMillis() + config.minVersionTimeout().toMillis();
                return findAtLeast(id, wanted, deadline, false).invoke(read -> read.ifPresent(view -> cache.read(view, ticket)));
            });
        }
        return Uni.combine().all().unis(found, viewer).with((result, reader) -> answer(result, reader, ifNoneMatch));
    }

    private static RestResponse<ListingView> answer(Optional<ListingView> result, Viewer viewer, String ifNoneMatch) {
        ListingView view = result.flatMap(viewer::see).orElseThrow(ListingRejection.NotFound::new);
        String etag = ETags.of(view.version());
        if (ifNoneMatch != null && etag.equals(ifNoneMatch.strip())) {
            return RestResponse.ResponseBuilder.<ListingView>notModified().header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION).build();
        }
        return RestResponse.ResponseBuilder.ok(view).header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION).build();
    }

    /**
     * Listings matching the filters, newest first by default, a page at a time (keyset cursor).
     * Drafts ({@code status=DRAFT}) only with {@code sellerId} naming the caller, or for an admin.
     */
    @GET
    public Uni<RestResponse<ListingViews.Page>> search(@RestQuery String status, @RestQuery String category,
            @RestQuery String sellerId, @RestQuery String minPrice, @RestQuery String maxPrice,
            @RestQuery String currency, @RestQuery String q, @RestQuery String sort, @RestQuery String limit,
            @RestQuery String cursor) {
        ListingSearch search = ListingSearch.parse(status, category, sellerId, minPrice, maxPrice, currency, q, sort,
                limit, cursor, config.defaultLimit());
        return Viewer.of(identities).chain(viewer -> {
            if (search.status() == ListingStatus.DRAFT && !viewer.seesPrivateOf(search.sellerId())) {
                String rule = "Drafts are visible to their seller and admins only: sign in and add sellerId=<your id>";
                throw viewer == Viewer.ANONYMOUS ? new UnauthorizedException(rule) : new ListingRejection.NotPermitted(rule);
            }
            return views.search(search).map(page -> RestResponse.ResponseBuilder
                    .ok(new ListingViews.Page(page.items().stream().flatMap(view -> viewer.see(view).stream()).toList(), page.nextCursor()))
                    .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION).build());
        });
    }

    /**
     * Reads until the view is at {@code wanted} or the deadline passes. While the projector's
     * announcements are heard, a read behind waits for the one that says the version is there
     * (every waiting request shares that one connection), reading again at the latest after
     * {@link #UNANNOUNCED_MILLIS} (or the poll interval, if longer); once announced, it polls for
     * what the read datasource (a replica) may not show yet. Without announcements it polls.
     */
    private Uni<Optional<ListingView>> findAtLeast(UUID id, long wanted, long deadline, boolean announced) {
        // Registered before the read, so that an announcement between the two is not missed.
        VersionWaiters.Waiter waiter = wanted > 0 && !announced && cache.isOpen() ? waiters.register(id, wanted) : null;
        return views.find(id).onFailure().invoke(() -> cancel(waiter)).chain(found -> {
            long version = found.map(ListingView::version).orElse(0L);
            long left = deadline - System.currentTimeMillis();
            if (version >= wanted || left <= 0) {
                cancel(waiter);
                return version >= wanted ? Uni.createFrom().item(found) : Uni.createFrom().failure(new NotCaughtUp(
                        "The read model is at version " + version + " of this listing, not yet " + wanted + "; try again shortly"));
            }
            if (waiter != null) {
                long recheck = Math.max(UNANNOUNCED_MILLIS, config.minVersionPollInterval().toMillis());
                return waiter.await(vertx, Math.min(left, recheck)).chain(woken -> findAtLeast(id, wanted, deadline, woken));
            }
            return pause().chain(() -> findAtLeast(id, wanted, deadline, announced));
        });
    }

    private static void cancel(VersionWaiters.Waiter waiter) {
        if (waiter != null) {
            waiter.cancel();
        }
    }

    /** The request's thread is free while it waits. */
    private Uni<Void> pause() {
        return Delays.of(vertx, config.minVersionPollInterval().toMillis());
    }

    private static long parseMinVersion(String raw) {
        if (raw == null) {
            return 0;
        }
        Long version = QueryNumbers.within(raw, 1, Long.MAX_VALUE);
        if (version != null) {
            return version;
        }
        throw new InvalidQuery(List.of(new FieldError("minVersion", "must be a listing version (1, 2, ...)")));
    }
}
