package com.agilex.listings.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.platform.Roles;
import com.agilex.listings.support.PackagedArtifact;
import com.agilex.listings.support.TestTokens;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rebuild killed mid-way (SIGKILL of the packaged service): the live tables are untouched,
 * and after a restart a new rebuild runs to the end. Runs the packaged jar as a child process on
 * a database of its own (listings_it, emptied at the first start), with its relay off so that
 * only the rebuild writes the read tables.
 */
class RebuildCrashIT {

    static final int PORT = 8095;
    static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/listings_it";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String ADMIN = TestTokens.token("root", Roles.ADMIN);

    Process service;

    Process start(boolean emptyDatabase) throws Exception {
        var command = PackagedArtifact.command(List.of("-Dquarkus.profile=test", "-Dquarkus.http.port=" + PORT,
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/listings_it",
                "-Dquarkus.flyway.clean-at-start=" + emptyDatabase,
                "-Dlistings.relay.enabled=false",
                "-Dmp.messaging.incoming.listings-events-in.topic=crash.listings.events",
                "-Dmp.messaging.incoming.listings-events-in.group.id=crash-projector"));
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/rebuild-crash-it.log"))
                .start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> get("/q/health/ready").statusCode() == 200);
        return process;
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .header("Authorization", "Bearer " + ADMIN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(JDBC, "listings", "listings");
    }

    static String query(String sql) throws SQLException {
        try (var connection = db(); var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    static String liveChecksum() throws SQLException {
        return query("""
                SELECT (SELECT md5(coalesce(string_agg(v::text, ',' ORDER BY id), '')) FROM listing_view v)
                    || (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY category, currency), '')) FROM category_stats c)
                    || (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY seller_id), '')) FROM seller_stats s)""");
    }

    @Test
    void a_rebuild_killed_mid_way_leaves_the_live_tables_intact_and_the_next_one_completes() throws Exception {
        String category = "crash-" + System.nanoTime();
        service = start(true);
        try (var connection = db()) {
            // A few live rows, so that "untouched" is checked on content, not on empty tables.
            connection.createStatement().execute("""
                    INSERT INTO listing_view (id, seller_id, title, description, category, price_amount, currency, status,
                                              version, created_at, updated_at)
                    SELECT gen_random_uuid(), 'live', 'Live ' || n, '', 'live', n, 'EUR', 'PUBLISHED', 1, now(), now()
                    FROM generate_series(1, 3) AS n""");
            connection.createStatement().execute(("""
                    WITH listing AS (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 100000) AS n)
                    INSERT INTO events (stream_id, version, event_id, event_type, schema_version, data, metadata)
                    SELECT id, 1, gen_random_uuid(), 'ListingCreated', 1,
                           jsonb_build_object('sellerId', 'crash-' || (n % 50), 'title', 'Crash ' || n, 'description', '',
                                              'category', '{category}', 'price', jsonb_build_object('amount', '5', 'currency', 'EUR')),
                           '{"actor": "crash"}'::jsonb FROM listing
                    UNION ALL
                    SELECT id, 2, gen_random_uuid(), 'ListingPublished', 1, '{}'::jsonb, '{"actor": "crash"}'::jsonb FROM listing""")
                    .replace("{category}", category));
        }
        String before = liveChecksum();

        assertThat(post("/admin/projections/listings/rebuild").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/admin/projections/listings/rebuild").body().matches(".*\"eventsDone\":[1-9][0-9]{4}.*"));
        service.destroyForcibly().waitFor();

        assertThat(liveChecksum()).as("live tables after the kill").isEqualTo(before);
        assertThat(query("SELECT count(*) FROM pg_tables WHERE tablename = 'listing_view_shadow'")).isEqualTo("1");
        assertThat(query("SELECT count(*) FROM listing_view WHERE category = '" + category + "'")).isEqualTo("0");

        service = start(false);
        assertThat(post("/admin/projections/listings/rebuild").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/admin/projections/listings/rebuild").body().contains("\"state\":\"DONE\""));

        assertThat(query("SELECT count(*) FROM listing_view WHERE category = '" + category + "' AND status = 'PUBLISHED'"))
                .isEqualTo("100000");
        assertThat(query("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_shadow' OR tablename LIKE '%\\_retired'"))
                .isEqualTo("0");
    }
}
