package com.agilex.listings.projection;

import com.agilex.listings.platform.TokenCacheConfig;
import com.agilex.listings.platform.VerifiedTokens;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Who may deliver events to {@code POST /events}: a caller with the shared secret, or with a
 * token of the configured issuer for our audience (Knative Eventing's OIDC sink authentication).
 * Anyone else gets 401 and changes nothing. Its tokens are verified with their own issuer, keys
 * and audience, and cached apart from users' bearer tokens: a token good here is good nowhere else.
 */
@ApplicationScoped
public class EventSources {

    private static final Logger LOG = Logger.getLogger(EventSources.class);
    private static final String BEARER = "Bearer ";

    private final EventsEndpointConfig config;
    private final Optional<byte[]> sharedSecret;
    private final Optional<DefaultJWTParser> oidc;
    private final VerifiedTokens verifiedTokens;

    public EventSources(EventsEndpointConfig config, TokenCacheConfig cache) {
        this.config = config;
        this.sharedSecret = config.sharedSecret().filter(secret -> !secret.isBlank())
                .map(secret -> secret.getBytes(StandardCharsets.UTF_8));
        this.oidc = config.oidc().issuer().map(issuer -> new DefaultJWTParser(oidcContext(issuer, config.oidc())));
        this.verifiedTokens = new VerifiedTokens(cache);
    }

    /** An endpoint that would apply anyone's events must not start. */
    void refuseToServeAnyone(@Observes StartupEvent start) {
        if (!config.enabled()) {
            return;
        }
        if (sharedSecret.isEmpty() && oidc.isEmpty()) {
            throw new IllegalStateException("POST /events is on (LISTINGS_EVENTS_ENABLED=true) but nothing authenticates"
                    + " its caller: set LISTINGS_EVENTS_SHARED_SECRET, or LISTINGS_EVENTS_OIDC_ISSUER with"
                    + " LISTINGS_EVENTS_OIDC_AUDIENCE and LISTINGS_EVENTS_OIDC_KEYS (Knative Eventing's OIDC)");
        }
        if (oidc.isPresent() && (config.oidc().audience().isEmpty() || config.oidc().keys().isEmpty())) {
            throw new IllegalStateException("LISTINGS_EVENTS_OIDC_ISSUER needs LISTINGS_EVENTS_OIDC_AUDIENCE (this sink's"
                    + " audience) and LISTINGS_EVENTS_OIDC_KEYS (the issuer's JWKS URL or key file)");
        }
    }

    /** Completes when {@code authorization} is a trusted source's; fails with 401 otherwise. */
    public Uni<Void> authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return Uni.createFrom().failure(new DeliveryRejection.Unauthenticated("POST /events needs the event source's bearer token"));
        }
        String credential = authorization.substring(BEARER.length()).strip();
        if (sharedSecret.isPresent()
                && MessageDigest.isEqual(sharedSecret.get(), credential.getBytes(StandardCharsets.UTF_8))) {
            return Uni.createFrom().voidItem();
        }
        if (oidc.isEmpty()) {
            return Uni.createFrom().failure(new DeliveryRejection.Unauthenticated("The token is not the event source's"));
        }
        // Fetching the issuer's keys (a JWKS URL) blocks: off the event loop.
        return Uni.createFrom().item(() -> verify(credential)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .replaceWithVoid();
    }

    private Object verify(String token) {
        try {
            return verifiedTokens.get(token, oidc.get()::parse);
        } catch (ParseException e) {
            LOG.debugf("An event source's token was refused: %s", e.getMessage());
            throw new DeliveryRejection.Unauthenticated("The token is not the event source's");
        }
    }

    private static JWTAuthContextInfo oidcContext(String issuer, EventsEndpointConfig.Oidc oidc) {
        var context = new JWTAuthContextInfo(oidc.keys().orElse(null), issuer);
        oidc.audience().ifPresent(audience -> context.setExpectedAudience(Set.of(audience)));
        return context;
    }
}
