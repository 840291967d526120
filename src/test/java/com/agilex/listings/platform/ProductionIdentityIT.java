package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.support.PackagedArtifact;
import com.agilex.listings.support.TestTokens;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.jwt.build.Jwt;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service in the {@code prod} profile, trusting an identity provider the test plays:
 * a JWKS served over HTTP, Keycloak-shaped tokens (roles under realm_access/roles, mapped to ours
 * by configuration), our audience, and a key rotation. The dev key pair is not trusted there, and
 * without a verification key the profile does not start.
 */
class ProductionIdentityIT {

    static final int PORT = 8093;
    static final String ISSUER = "https://idp.test/realms/market";
    static final String TOPIC = "identity." + System.nanoTime() + ".listings.events";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String BODY = """
            {"title": "Kettle", "description": "Steel", "category": "identity", "price": {"amount": "30.00", "currency": "EUR"}}""";

    static IdentityProvider provider;
    static Process service;

    @BeforeAll
    static void start() throws Exception {
        provider = new IdentityProvider();
        service = startService(PORT, List.of(
                "-Dmp.jwt.verify.publickey.location=" + provider.jwksUrl(),
                "-Dmp.jwt.verify.issuer=" + ISSUER,
                "-Dmp.jwt.verify.audiences=listings",
                "-Dsmallrye.jwt.path.groups=realm_access/roles",
                "-Dquarkus.http.auth.roles-mapping.listings-admin=admin"), "target/production-identity-it.log");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> get("/q/health/ready", null) == 200);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
        if (provider != null) {
            provider.stop();
        }
    }

    @Test
    void the_providers_token_acts_as_its_subject_and_its_roles_map_to_ours() throws Exception {
        assertThat(post("/listings", provider.token("alice", List.of(), Instant.now().plusSeconds(300)))).isEqualTo(201);
        assertThat(get("/admin/projections", provider.token("root", List.of("listings-admin"), Instant.now().plusSeconds(300))))
                .as("the provider's role listings-admin is our admin").isEqualTo(200);
        assertThat(get("/admin/projections", provider.token("alice", List.of("offline_access"), Instant.now().plusSeconds(300))))
                .isEqualTo(403);
    }

    @Test
    void a_dev_token_is_refused() throws Exception {
        assertThat(post("/listings", TestTokens.token("alice"))).isEqualTo(401);
        assertThat(get("/admin/projections", TestTokens.token("root", Roles.ADMIN))).isEqualTo(401);
    }

    @Test
    void a_token_for_another_audience_is_refused() throws Exception {
        String forAnotherService = provider.sign(Jwt.issuer(ISSUER).audience("billing").subject("alice")
                .expiresAt(Instant.now().plusSeconds(300)));
        assertThat(post("/listings", forAnotherService)).isEqualTo(401);
    }

    @Test
    void expiry_allows_thirty_seconds_of_clock_skew_and_no_more() throws Exception {
        List<String> admin = List.of("listings-admin");
        assertThat(get("/admin/projections", provider.token("root", admin, Instant.now().minusSeconds(10)))).isEqualTo(200);
        assertThat(get("/admin/projections", provider.token("root", admin, Instant.now().minusSeconds(60)))).isEqualTo(401);
    }

    @Test
    void a_new_key_is_trusted_as_soon_as_it_signs() throws Exception {
        List<String> admin = List.of("listings-admin");
        assertThat(get("/admin/projections", provider.token("root", admin, Instant.now().plusSeconds(300)))).isEqualTo(200);

        provider.rotate();

        // A key id the service has not seen makes it fetch the JWKS again, at once.
        assertThat(get("/admin/projections", provider.token("root", admin, Instant.now().plusSeconds(300)))).isEqualTo(200);
    }

    @Test
    void prod_does_not_start_without_a_verification_key() throws Exception {
        String log = "target/production-identity-it-nokey.log";
        Process withoutKey = startService(PORT + 100, List.of(), log);
        try {
            assertThat(withoutKey.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(withoutKey.exitValue()).isNotZero();
            assertThat(Files.readString(Path.of(log)))
                    .contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION").contains("MP_JWT_VERIFY_ISSUER").contains("MP_JWT_VERIFY_AUDIENCES");
        } finally {
            withoutKey.destroyForcibly();
        }
    }

    static Process startService(int port, List<String> identity, String log) throws Exception {
        var settings = new ArrayList<>(List.of("-Dquarkus.profile=prod", "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/listings_it",
                "-Dquarkus.datasource.username=listings", "-Dquarkus.datasource.password=listings",
                "-Dkafka.bootstrap.servers=127.0.0.1:9092",
                "-Dmp.messaging.outgoing.listings-events-out.topic=" + TOPIC,
                "-Dmp.messaging.incoming.listings-events-in.topic=" + TOPIC,
                "-Dmp.messaging.incoming.listings-events-in.group.id=" + TOPIC + ".projector",
                "-Dmp.messaging.outgoing.listings-events-dlq.topic=" + TOPIC + ".dlq"));
        settings.addAll(identity);
        Files.deleteIfExists(Path.of(log));
        return new ProcessBuilder(PackagedArtifact.command(settings)).redirectErrorStream(true)
                .redirectOutput(new File(log)).start();
    }

    static int get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static int post(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** An identity provider: its JWKS at /certs, and Keycloak-shaped tokens signed with its current key. */
    static final class IdentityProvider {
        private final HttpServer server;
        private final AtomicInteger generation = new AtomicInteger();
        private volatile KeyPair key;
        private volatile String keyId;

        IdentityProvider() throws Exception {
            rotate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/certs", exchange -> {
                byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String jwksUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/certs";
        }

        /** A new signing key replaces the old one in the JWKS, under a new key id. */
        void rotate() throws Exception {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = generator.generateKeyPair();
            keyId = "key-" + generation.incrementAndGet() + "-" + UUID.randomUUID();
        }

        String jwks() {
            try {
                var jwk = new RsaJsonWebKey((RSAPublicKey) key.getPublic());
                jwk.setKeyId(keyId);
                jwk.setAlgorithm("RS256");
                jwk.setUse("sig");
                return new JsonWebKeySet(jwk).toJson();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String token(String subject, List<String> realmRoles, Instant expiresAt) {
            return sign(Jwt.issuer(ISSUER).audience("listings").subject(subject)
                    .claim("preferred_username", subject)
                    .claim("realm_access", Map.of("roles", realmRoles))
                    .issuedAt(expiresAt.minusSeconds(600)).expiresAt(expiresAt));
        }

        String sign(io.smallrye.jwt.build.JwtClaimsBuilder claims) {
            return claims.jws().keyId(keyId).sign(key.getPrivate());
        }

        void stop() {
            server.stop(0);
        }
    }
}
