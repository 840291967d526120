package com.agilex.listings.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.support.KafkaTopics;
import com.agilex.listings.support.PackagedArtifact;
import com.agilex.listings.support.TestTokens;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM under load (what Knative sends when it scales a revision down) and SIGKILL under load
 * (a crash): no command answered 201 is lost, and after the next start every stored event is on
 * Kafka. Runs the jar as a child process on the database listings_it with a topic of its own.
 */
class GracefulShutdownIT {

    static final int PORT = 8096;
    static final String TOPIC = "shutdown." + System.nanoTime() + ".listings.events";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String TOKEN = TestTokens.token("shutdown");
    static final String BODY = """
            {"title": "Bike", "description": "Under load", "category": "shutdown", "price": {"amount": "10.00", "currency": "EUR"}}""";

    Process service;

    Process start(boolean emptyDatabase) {
        var command = PackagedArtifact.command(List.of("-Dquarkus.profile=test", "-Dquarkus.http.port=" + PORT,
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/listings_it",
                "-Dquarkus.flyway.clean-at-start=" + emptyDatabase,
                "-Dlistings.role=command",
                "-Dmp.messaging.outgoing.listings-events-out.topic=" + TOPIC));
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/graceful-shutdown-it.log"))).start();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            return process;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    /** A command; the listing id when it was acknowledged (201), null otherwise. */
    static String create() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/listings"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 201 ? response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1") : null;
        } catch (Exception refusedOrReset) {
            return null;
        }
    }

    static Set<String> storedStreams() throws Exception {
        var streams = new HashSet<String>();
        try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/listings_it", "listings", "listings");
                var rows = connection.createStatement().executeQuery("SELECT DISTINCT CAST(stream_id AS text) FROM events")) {
            while (rows.next()) {
                streams.add(rows.getString(1));
            }
        }
        return streams;
    }

    /** The keys (listing ids) of every record on the topic. */
    static Set<String> publishedStreams() {
        var keys = new HashSet<String>();
        KafkaTopics.read(TOPIC, record -> true).forEach(record -> keys.add(record.key()));
        return keys;
    }

    /** Eight clients creating listings until stopped; the ids of those answered 201. */
    static final class Load {
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService clients = Executors.newFixedThreadPool(8);
        private final List<java.util.concurrent.Future<?>> futures = new ArrayList<>();

        Load() {
            for (int c = 0; c < 8; c++) {
                futures.add(clients.submit(() -> {
                    while (running.get()) {
                        String id = create();
                        if (id != null) {
                            acknowledged.add(id);
                        }
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 200);
        }

        void stop() throws Exception {
            running.set(false);
            for (var future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }
    }

    /** After the next start, every stream in the event store reaches Kafka. */
    void nextStartPublishesEveryStoredStream(Set<String> acknowledged) throws Exception {
        service = start(false);
        Set<String> stored = storedStreams();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(publishedStreams()).containsAll(stored));
        assertThat(stored).hasSizeGreaterThanOrEqualTo(acknowledged.size());
    }

    @Test
    void sigterm_under_load_loses_no_acknowledged_command_and_leaves_nothing_unpublished() throws Exception {
        service = start(true);
        Load load = new Load();

        service.destroy(); // SIGTERM
        assertThat(service.waitFor(30, TimeUnit.SECONDS)).as("the service exits within its shutdown timeout").isTrue();
        load.stop();

        // Every command that was answered 201 is in the event store.
        assertThat(storedStreams()).containsAll(load.acknowledged);
        nextStartPublishesEveryStoredStream(load.acknowledged);
    }

    @Test
    void sigkill_under_load_loses_no_acknowledged_command_and_the_next_start_publishes_the_rest() throws Exception {
        service = start(true);
        Load load = new Load();

        service.destroyForcibly(); // SIGKILL: no shutdown hook, no drain; the relay may die between publish and checkpoint
        assertThat(service.waitFor(10, TimeUnit.SECONDS)).isTrue();
        load.stop();

        // An answered command was committed before its answer: the crash cannot take it back.
        assertThat(storedStreams()).containsAll(load.acknowledged);
        // The relay's leadership lock died with its connection: the next start takes it and publishes
        // from the checkpoint (events published but not yet checkpointed go out twice; consumers dedupe).
        nextStartPublishesEveryStoredStream(load.acknowledged);
    }
}
