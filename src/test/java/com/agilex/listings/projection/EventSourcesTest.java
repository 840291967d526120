package com.agilex.listings.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.agilex.listings.platform.TokenCacheConfig;
import io.smallrye.jwt.build.Jwt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may call POST /events: the holder of the shared secret, or of a token of the configured
 * issuer for this sink's audience (Knative Eventing's OIDC, here with a key pair of the test's),
 * and no one when the endpoint is on with neither configured: then it does not start.
 */
class EventSourcesTest {

    static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
    static final String AUDIENCE = "serving.knative.dev/service/listings/listings-projector";

    static KeyPair cluster;
    static Path clusterKey;

    @BeforeAll
    static void aClusterIssuer(@TempDir Path dir) throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        cluster = generator.generateKeyPair();
        clusterKey = dir.resolve("cluster-key.pem");
        Files.writeString(clusterKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(cluster.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    }

    static EventsEndpointConfig config(boolean enabled, String secret, String issuer, String audience, String keys) {
        return new EventsEndpointConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Optional<String> sharedSecret() {
                return Optional.ofNullable(secret);
            }

            @Override
            public Oidc oidc() {
                return new Oidc() {
                    @Override
                    public Optional<String> issuer() {
                        return Optional.ofNullable(issuer);
                    }

                    @Override
                    public Optional<String> audience() {
                        return Optional.ofNullable(audience);
                    }

                    @Override
                    public Optional<String> keys() {
                        return Optional.ofNullable(keys);
                    }
                };
            }
        };
    }

    static final TokenCacheConfig CACHE = new TokenCacheConfig() {
        @Override
        public int maxSize() {
            return 100;
        }

        @Override
        public Duration maxAge() {
            return Duration.ofMinutes(5);
        }
    };

    static boolean accepts(EventSources sources, String authorization) {
        try {
            sources.authenticate(authorization).await().atMost(Duration.ofSeconds(10));
            return true;
        } catch (DeliveryRejection.Unauthenticated refused) {
            return false;
        }
    }

    static String clusterToken(String issuer, String audience, KeyPair signer) {
        return Jwt.issuer(issuer).subject("system:serviceaccount:listings:kafka-source").audience(audience)
                .expiresAt(Instant.now().plusSeconds(300)).sign(signer.getPrivate());
    }

    @Test
    void the_shared_secret_and_nothing_else() {
        var sources = new EventSources(config(true, "s3cret", null, null, null), CACHE);
        assertThat(accepts(sources, "Bearer s3cret")).isTrue();
        assertThat(accepts(sources, "Bearer s3cre")).isFalse();
        assertThat(accepts(sources, "s3cret")).as("not a bearer credential").isFalse();
        assertThat(accepts(sources, null)).isFalse();
        assertThat(accepts(sources, "Bearer " + clusterToken(ISSUER, AUDIENCE, cluster))).as("no OIDC configured").isFalse();
    }

    @Test
    void a_token_of_the_cluster_issuer_for_this_audience_and_signed_by_its_key() throws Exception {
        var sources = new EventSources(config(true, null, ISSUER, AUDIENCE, clusterKey.toString()), CACHE);
        assertThat(accepts(sources, "Bearer " + clusterToken(ISSUER, AUDIENCE, cluster))).isTrue();

        assertThat(accepts(sources, "Bearer " + clusterToken(ISSUER, "serving.knative.dev/service/other/sink", cluster)))
                .as("another sink's audience").isFalse();
        assertThat(accepts(sources, "Bearer " + clusterToken("https://evil.example", AUDIENCE, cluster)))
                .as("another issuer").isFalse();
        var forger = KeyPairGenerator.getInstance("RSA");
        forger.initialize(2048);
        assertThat(accepts(sources, "Bearer " + clusterToken(ISSUER, AUDIENCE, forger.generateKeyPair())))
                .as("signed by another key").isFalse();
    }

    @Test
    void on_with_no_way_to_authenticate_its_caller_it_refuses_to_start() {
        assertThatThrownBy(() -> new EventSources(config(true, null, null, null, null), CACHE).refuseToServeAnyone(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("LISTINGS_EVENTS_SHARED_SECRET");
        assertThatThrownBy(() -> new EventSources(config(true, null, ISSUER, null, null), CACHE).refuseToServeAnyone(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("LISTINGS_EVENTS_OIDC_AUDIENCE");
        // Off, it needs nothing.
        new EventSources(config(false, null, null, null, null), CACHE).refuseToServeAnyone(null);
    }
}
