package com.agilex.listings.roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.nullValue;

import com.agilex.listings.support.DeployedEnvironment;
import com.agilex.listings.support.PackagedArtifact;
import com.agilex.listings.support.TestTokens;
import io.restassured.http.ContentType;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each role starts and serves as deploy/knative runs it: the packaged service under the knative
 * profile (no Flyway, and no JDBC datasource, which only Flyway uses), with the environment
 * variables its Knative Service sets, the schema migrated beforehand as the migration Job does.
 */
class KnativeRolesIT {

    static final int PORT = 8098;
    static final String EVENTS_SECRET = "knative-it-events-secret";

    @BeforeAll
    static void the_migration_job_has_run() {
        Flyway.configure().dataSource("jdbc:postgresql://127.0.0.1:5432/listings_it", "listings", "listings")
                .locations("classpath:db/migration").load().migrate();
    }

    @Test
    void the_command_role_starts_and_takes_commands() throws Exception {
        Process service = start("command");
        try {
            given().port(PORT).auth().oauth2(TestTokens.token("alice")).contentType(ContentType.JSON)
                    .body(Map.of("title", "Desk", "category", "furniture", "price", Map.of("amount", "80.00", "currency", "EUR")))
                    .post("/listings").then().statusCode(201);
            // The write side uses the reactive SQL client: no JDBC datasource here, nothing for its check to check.
            given().port(PORT).get("/q/health/ready").then()
                    .body("checks.find { it.name == 'Database connections health check' }.data", nullValue());
            given().port(PORT).get("/listings").then().statusCode(404);
            // Nothing connects before Micrometer's filters, so no duplicate-gauge WARN (SqlClientGauges).
            assertThat(Files.readString(Path.of("target/knative-command-it.log"))).doesNotContain("has been already registered");
        } finally {
            stop(service);
        }
    }

    @Test
    void the_query_role_starts_and_serves_reads() throws Exception {
        Process service = start("query");
        try {
            given().port(PORT).get("/listings?limit=1").then().statusCode(200);
            // No JDBC datasource here either.
            given().port(PORT).get("/q/health/ready").then()
                    .body("checks.find { it.name == 'Database connections health check' }.data", nullValue());
            given().port(PORT).contentType(ContentType.JSON).body("{}").post("/listings").then().statusCode(404);
        } finally {
            stop(service);
        }
    }

    @Test
    void the_projector_role_starts_without_its_kafka_consumer() throws Exception {
        // deploy/knative/projector.yaml turns the consumer off: Knative delivers to POST /events instead.
        assertThat(DeployedEnvironment.of("knative/projector.yaml")).containsEntry("MP_MESSAGING_INCOMING_LISTINGS_EVENTS_IN_ENABLED", "false");
        Process service = start("projector");
        try {
            // No consumer channel, so none in the messaging readiness check.
            given().port(PORT).get("/q/health/ready").then().body(
                    "checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.'listings-events-in'", nullValue());
            // POST /events is on here, and only the event source may call it.
            given().port(PORT).contentType("application/cloudevents+json").body("{}").post("/events").then().statusCode(401);
            given().port(PORT).header("Authorization", "Bearer " + EVENTS_SECRET).contentType("application/cloudevents+json")
                    .body("{}").post("/events").then().statusCode(400);
            given().port(PORT).get("/listings").then().statusCode(404);
        } finally {
            stop(service);
        }
    }

    /** Starts the packaged service as a role's Knative Service and waits for its readiness; fails if it exits instead. */
    static Process start(String role) throws Exception {
        return start(role, PackagedArtifact::command);
    }

    /** As {@link #start(String)}, with the command line {@code commandFor} makes of the test's {@code -D} settings. */
    static Process start(String role, Function<List<String>, List<String>> commandFor) throws Exception {
        // A process left over on the port would answer in this one's place.
        new ServerSocket(PORT).close();
        // The event source's secret stands in for the OIDC settings listings-config gives the projector in a cluster.
        List<String> settings = List.of("-Dquarkus.profile=test,knative", "-Dquarkus.http.port=" + PORT,
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/listings_it",
                "-Dlistings.events.shared-secret=" + EVENTS_SECRET);
        var builder = new ProcessBuilder(commandFor.apply(settings)).redirectErrorStream(true)
                .redirectOutput(new File("target/knative-" + role + "-it.log"));
        Map<String, String> environment = DeployedEnvironment.of("knative/" + role + ".yaml");
        assertThat(environment).containsEntry("LISTINGS_ROLE", role);
        builder.environment().putAll(environment);
        Process service = builder.start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .failFast("the service exited; see target/knative-" + role + "-it.log", () -> !service.isAlive())
                    .ignoreExceptions() // connection refused until it listens
                    .until(() -> given().port(PORT).get("/q/health/ready").statusCode() == 200);
        } catch (RuntimeException notReady) {
            stop(service);
            throw notReady;
        }
        return service;
    }

    static void stop(Process service) throws InterruptedException {
        service.destroy();
        if (!service.waitFor(30, TimeUnit.SECONDS)) {
            service.destroyForcibly().waitFor();
        }
    }
}
