package com.agilex.listings.fuzz;

import static org.awaitility.Awaitility.await;

import com.agilex.listings.support.PackagedArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The packaged service (whatever the build packaged: fast-jar or native) in the test profile, on a
 * port and a database of its own, with the real PostgreSQL and Kafka that bin/stack runs. Its log goes
 * to target/fuzz-service.log, which the suite reads for ERROR lines after every try.
 */
final class FuzzedService {

    static final int PORT = Integer.getInteger("fuzz.port", 8092);
    static final URI BASE = URI.create("http://127.0.0.1:" + PORT);
    static final String DATABASE = "listings_fuzz";
    static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    /** The event source's credential for POST /events in the test profile. */
    static final String EVENTS_SECRET = "test-events-secret";

    private static final Path LOG = Path.of("target/fuzz-service.log");
    // A line the service logged at ERROR (the console format starts with the time, then the level).
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR .*$");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Process process;
    private long logRead;

    void start() {
        var settings = List.of("-Dquarkus.profile=test", "-Dquarkus.http.port=" + PORT,
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/" + DATABASE,
                // A minVersion beyond the view answers its documented 503 at once, not after 15 s.
                "-Dlistings.query.min-version-timeout=PT0.2S",
                "-Dquarkus.log.category.\"com.agilex\".level=INFO");
        try {
            Files.createDirectories(LOG.getParent());
            process = new ProcessBuilder(PackagedArtifact.command(settings)).redirectErrorStream(true)
                    .redirectOutput(LOG.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited at start; see " + LOG.toAbsolutePath());
            }
            return ready();
        });
    }

    void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(Duration.ofSeconds(20))) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    boolean ready() {
        try {
            var request = HttpRequest.newBuilder(BASE.resolve("/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The ERROR lines the service logged since the last call. */
    List<String> newErrorLines() {
        try (SeekableByteChannel log = Files.newByteChannel(LOG)) {
            // Only what was appended since the last call: the log grows with every try.
            var appended = ByteBuffer.allocate((int) (log.size() - logRead));
            log.position(logRead);
            int read;
            do {
                read = log.read(appended);
            } while (read > 0 && appended.hasRemaining());
            logRead += appended.position();
            String added = new String(appended.array(), 0, appended.position(), StandardCharsets.UTF_8);
            var errors = new ArrayList<String>();
            ERROR_LINE.matcher(added).results().forEach(match -> errors.add(match.group()));
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
