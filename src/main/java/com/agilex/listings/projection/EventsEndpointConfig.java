package com.agilex.listings.projection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * {@code POST /events}, the projector fed over HTTP (Knative Eventing). Off unless a deployment
 * turns it on; on, it needs a way to tell Knative from anyone else: a shared secret, or Knative
 * Eventing's OIDC sink authentication (a token from the cluster's issuer, for our audience), or both.
 */
@ConfigMapping(prefix = "listings.events")
public interface EventsEndpointConfig {

    /** Serve {@code POST /events} (LISTINGS_EVENTS_ENABLED); off, it answers 404. */
    @WithDefault("false")
    boolean enabled();

    /** A caller presenting {@code Authorization: Bearer <this>} is the event source (LISTINGS_EVENTS_SHARED_SECRET). */
    Optional<String> sharedSecret();

    /** Knative Eventing's OIDC sink authentication. */
    Oidc oidc();

    interface Oidc {

        /** The issuer of the source's tokens: the cluster's service account issuer (LISTINGS_EVENTS_OIDC_ISSUER). */
        Optional<String> issuer();

        /** This sink's audience, as Knative sets it on the tokens it sends here (LISTINGS_EVENTS_OIDC_AUDIENCE). */
        Optional<String> audience();

        /** Where the issuer's keys are: a JWKS URL, or a PEM or JWKS file (LISTINGS_EVENTS_OIDC_KEYS). */
        Optional<String> keys();
    }
}
