package com.agilex.listings.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.support.PackagedArtifact;
import com.agilex.listings.support.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS to PostgreSQL with sslmode verify-full, as deploy/config shows it: the packaged service
 * against bin/topology's primary (TLS on, a CA of its own), its reactive pools and its Flyway
 * connection trusting that CA only. Every connection it holds is encrypted; trusting another CA,
 * it does not start.
 */
class DatabaseTlsIT {

    static final int PORT = 8091;
    static final Path CA = Path.of(".stack/topology/tls/ca.crt").toAbsolutePath();
    static final Path LOG = Path.of("target/database-tls-service.log");

    @BeforeAll
    static void databases() throws Exception {
        assertThat(new ProcessBuilder("bin/topology", "db-up").inheritIO().start().waitFor()).as("bin/topology db-up").isZero();
        assertThat(CA).exists();
    }

    @AfterAll
    static void down() throws Exception {
        new ProcessBuilder("bin/topology", "down").inheritIO().start().waitFor();
    }

    /** The service's settings for verify-full against the primary, trusting {@code ca}. */
    static List<String> verifyFull(Path ca) {
        var settings = new ArrayList<>(List.of("-Dquarkus.profile=test", "-Dquarkus.http.port=" + PORT,
                "-Dquarkus.datasource.reactive.url=postgresql://localhost:5434/listings",
                "-Dquarkus.datasource.\"read\".reactive.url=postgresql://localhost:5434/listings",
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:5434/listings?sslmode=verify-full&sslrootcert=" + ca,
                "-Dmp.messaging.outgoing.listings-events-out.topic=tls-it.listings.events",
                "-Dmp.messaging.incoming.listings-events-in.topic=tls-it.listings.events",
                "-Dmp.messaging.incoming.listings-events-in.group.id=tls-it"));
        for (String datasource : List.of("quarkus.datasource", "quarkus.datasource.\"read\"")) {
            settings.addAll(List.of("-D" + datasource + ".reactive.postgresql.ssl-mode=verify-full",
                    "-D" + datasource + ".reactive.hostname-verification-algorithm=HTTPS",
                    "-D" + datasource + ".reactive.trust-certificate-pem=true",
                    "-D" + datasource + ".reactive.trust-certificate-pem.certs=" + ca));
        }
        return settings;
    }

    @Test
    void with_verify_full_every_connection_of_the_service_is_encrypted() throws Exception {
        Process service = new ProcessBuilder(PackagedArtifact.command(verifyFull(CA))).redirectErrorStream(true)
                .redirectOutput(LOG.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                assertThat(service.isAlive()).as("the service is running; see " + LOG.toAbsolutePath()).isTrue();
                return given().port(PORT).get("/q/health/ready").statusCode() == 200;
            });
            given().port(PORT).auth().oauth2(TestTokens.token("tls-seller")).contentType("application/json")
                    .body(Map.of("title", "Lamp", "description", "Over TLS", "category", "home",
                            "price", Map.of("amount", "10.00", "currency", "EUR")))
                    .post("/listings").then().statusCode(201);

            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5434/postgres", "postgres", "");
                    ResultSet connections = admin.createStatement().executeQuery("""
                            SELECT count(*), count(*) FILTER (WHERE s.ssl) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)
                            WHERE a.usename LIKE 'listings%' AND a.backend_type = 'client backend'""")) {
                connections.next();
                assertThat(connections.getLong(1)).as("the service's connections").isPositive();
                assertThat(connections.getLong(2)).as("of them, encrypted").isEqualTo(connections.getLong(1));
            }
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void trusting_another_ca_the_service_does_not_start() throws Exception {
        Path otherCa = Files.createTempFile("other-ca", ".crt");
        Path otherKey = Files.createTempFile("other-ca", ".key");
        assertThat(new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=another CA",
                "-keyout", otherKey.toString(), "-out", otherCa.toString()).redirectErrorStream(true).start().waitFor()).isZero();
        Path log = Path.of("target/database-tls-other-ca.log");
        Process service = new ProcessBuilder(PackagedArtifact.command(verifyFull(otherCa))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertThat(service.waitFor(90, TimeUnit.SECONDS)).as("the service gave up starting").isTrue();
            assertThat(service.exitValue()).isNotZero();
            assertThat(Files.readString(log)).containsIgnoringCase("certification path");
        } finally {
            service.destroyForcibly();
        }
    }
}
