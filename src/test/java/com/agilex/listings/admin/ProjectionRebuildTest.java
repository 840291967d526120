package com.agilex.listings.admin;

import static com.agilex.listings.support.Api.reader;
import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.agilex.listings.platform.Roles;
import com.agilex.listings.support.ReadTables;
import com.agilex.listings.support.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Blue-green rebuild of the read model while commands and queries go on; cancelling it; and a
 * rebuild after one that died, on the real PostgreSQL and Kafka.
 */
@QuarkusTest
class ProjectionRebuildTest {

    static final String REBUILD = "/admin/projections/listings/rebuild";

    @Inject
    AgroalDataSource db;

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.token("root", Roles.ADMIN));
    }

    static JsonPath progress() {
        return admin().get(REBUILD).then().statusCode(200).extract().jsonPath();
    }

    static void awaitState(String state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> state.equals(progress().getString("state")));
    }

    /** The read model agrees with the event store, and every statistic with the views it summarises. */
    void assertReadModelIsTheTruth() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath report = admin().get("/admin/consistency").then().statusCode(200).extract().jsonPath();
            assertThat(report.getLong("differenceCount")).as(report.prettify()).isZero();
            assertThat(report.getLong("behind")).isZero();
            assertThat(report.getLong("viewsWithoutStream")).isZero();
        });
        // trim_scale: 350.00 - 350.00 + 99 is 99.00 in one table and 99 in the other; equal all the same.
        assertThat(rows("SELECT category, currency, active_count, sold_count, trim_scale(active_price_sum), "
                + "trim_scale(min_price), trim_scale(max_price) "
                + "FROM category_stats WHERE active_count <> 0 OR sold_count <> 0 ORDER BY 1, 2"))
                .isEqualTo(rows("""
                        SELECT category, currency,
                               count(*) FILTER (WHERE status IN ('PUBLISHED', 'RESERVED')),
                               count(*) FILTER (WHERE status = 'SOLD'),
                               trim_scale(coalesce(sum(price_amount) FILTER (WHERE status IN ('PUBLISHED', 'RESERVED')), 0)),
                               trim_scale(min(price_amount) FILTER (WHERE status IN ('PUBLISHED', 'RESERVED'))),
                               trim_scale(max(price_amount) FILTER (WHERE status IN ('PUBLISHED', 'RESERVED')))
                        FROM listing_view WHERE status IN ('PUBLISHED', 'RESERVED', 'SOLD') GROUP BY 1, 2 ORDER BY 1, 2"""));
        assertThat(rows("SELECT seller_id, drafts, active, reserved, sold, withdrawn FROM seller_stats "
                + "WHERE drafts + active + reserved + sold + withdrawn > 0 ORDER BY 1"))
                .isEqualTo(rows("""
                        SELECT seller_id, count(*) FILTER (WHERE status = 'DRAFT'), count(*) FILTER (WHERE status = 'PUBLISHED'),
                               count(*) FILTER (WHERE status = 'RESERVED'), count(*) FILTER (WHERE status = 'SOLD'),
                               count(*) FILTER (WHERE status = 'WITHDRAWN')
                        FROM listing_view GROUP BY 1 ORDER BY 1"""));
        assertThat(rows("SELECT seller_id, currency, sold_count, trim_scale(revenue) FROM seller_revenue ORDER BY 1, 2"))
                .isEqualTo(rows("""
                        SELECT seller_id, currency, count(*), trim_scale(sum(price_amount)) FROM listing_view
                        WHERE status = 'SOLD' GROUP BY 1, 2 ORDER BY 1, 2"""));
    }

    List<String> rows(String sql) {
        return ReadTables.rows(db, sql).stream().map(row -> row.replaceAll("[a-z_?]+=", "")).toList();
    }

    List<String> liveIndexes() {
        return rows("SELECT tablename, indexname FROM pg_indexes WHERE schemaname = current_schema() "
                + "AND tablename IN ('listing_view', 'category_stats', 'seller_stats', 'seller_revenue') ORDER BY 1, 2");
    }

    String checksumOfLiveTables() {
        return String.join("|", rows("""
                SELECT (SELECT md5(string_agg(v::text, ',' ORDER BY id)) FROM listing_view v),
                       (SELECT md5(string_agg(c::text, ',' ORDER BY category, currency)) FROM category_stats c),
                       (SELECT md5(string_agg(s::text, ',' ORDER BY seller_id)) FROM seller_stats s)"""));
    }

    static void someListings(String seller) {
        for (int i = 0; i < 5; i++) {
            UUID id = create(seller);
            command(seller, id, "publish");
            if (i % 2 == 0) {
                command("bob", id, "reserve");
            }
            if (i == 4) {
                command(seller, id, "sell");
            }
        }
    }

    /** Stores {@code count} published listings straight into the event store, as a long history would. */
    void storeListings(int count) throws Exception {
        try (Connection connection = db.getConnection(); var insert = connection.prepareStatement("""
                WITH listing AS (SELECT gen_random_uuid() AS id, n FROM generate_series(1, ?) AS n)
                INSERT INTO events (stream_id, version, event_id, event_type, schema_version, data, metadata)
                SELECT id, 1, gen_random_uuid(), 'ListingCreated', 1,
                       jsonb_build_object('sellerId', 'bulk-' || (n % 50), 'title', 'Bulk ' || n, 'description', '',
                                          'category', 'bulk-' || (n % 7),
                                          'price', jsonb_build_object('amount', (n % 900 + 1)::text, 'currency', 'EUR')),
                       '{"actor": "bulk"}'::jsonb FROM listing
                UNION ALL
                SELECT id, 2, gen_random_uuid(), 'ListingPublished', 1, '{}'::jsonb, '{"actor": "bulk"}'::jsonb FROM listing""")) {
            insert.setInt(1, count);
            insert.executeUpdate();
        }
    }

    @Test
    void a_rebuild_runs_while_commands_and_queries_go_on_and_ends_with_the_read_model_equal_to_the_truth() throws Exception {
        someListings("rebuild-seller-" + UUID.randomUUID());
        storeListings(10_000);
        List<String> indexesBefore = liveIndexes();
        var running = new AtomicBoolean(true);
        var failures = new ConcurrentLinkedQueue<String>();
        var commands = new AtomicInteger();
        var traffic = CompletableFuture.runAsync(() -> {
            while (running.get()) {
                String id = as("carol").body(Map.of("title", "During rebuild", "category", "rebuild",
                        "price", Map.of("amount", Integer.toString(10 + commands.get()), "currency", "EUR")))
                        .post("/listings").then().extract().path("id");
                var published = as("carol").post("/listings/" + id + "/publish");
                var query = reader().get("/listings?category=rebuild&limit=5");
                var stats = given().get("/stats/categories");
                for (var response : List.of(published, query, stats)) {
                    if (response.statusCode() != 200) {
                        failures.add(response.statusCode() + " " + response.asString());
                    }
                }
                commands.incrementAndGet();
            }
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> commands.get() >= 1);
        admin().post(REBUILD).then().statusCode(202);
        int commandsAtStart = commands.get();
        admin().post(REBUILD).then().statusCode(409).contentType("application/problem+json");
        awaitState("DONE");
        int commandsAtEnd = commands.get();
        running.set(false);
        traffic.get();

        assertThat(commandsAtEnd).as("commands ran during the rebuild").isGreaterThan(commandsAtStart);
        assertThat(failures).isEmpty();
        JsonPath done = progress();
        assertThat(done.getLong("eventsDone")).isPositive().isGreaterThanOrEqualTo(done.getLong("eventsTotal") * 9 / 10);
        assertThat(done.getDouble("percent")).isEqualTo(100.0);
        assertThat(done.getDouble("eventsPerSecond")).isPositive();
        assertThat(done.getString("finishedAt")).isNotNull();
        assertThat(liveIndexes()).isEqualTo(indexesBefore);
        assertThat(rows("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_shadow' OR tablename LIKE '%\\_retired'"))
                .containsExactly("0, ");
        assertReadModelIsTheTruth();
        JsonPath status = admin().get("/admin/projections").then().statusCode(200).extract().jsonPath();
        assertThat(status.getString("[0].name")).isEqualTo("listings");
        assertThat(status.getString("[0].rebuild.state")).isEqualTo("DONE");
    }

    @Test
    void a_cancelled_rebuild_leaves_the_live_tables_as_they_were() throws Exception {
        someListings("cancel-seller-" + UUID.randomUUID());
        assertReadModelIsTheTruth();
        String before = checksumOfLiveTables();
        // Holding a share lock stops the rebuild at its swap, where the cancel then lands.
        try (Connection holder = db.getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE listing_view IN SHARE MODE");
            admin().post(REBUILD).then().statusCode(202);
            awaitState("SWAPPING");
            admin().delete(REBUILD).then().statusCode(202);
            holder.commit();
        }

        awaitState("CANCELLED");
        assertThat(checksumOfLiveTables()).isEqualTo(before);
        assertThat(rows("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_shadow'")).containsExactly("0, ");
    }

    @Test
    void a_rebuild_after_one_that_died_starts_clean() throws Exception {
        // What a killed rebuild leaves: half-filled shadow tables (the read model's, as the rebuild
        // creates them). The live tables never saw it.
        try (Connection connection = db.getConnection()) {
            connection.createStatement().execute("""
                    SET ROLE listings_read_model;
                    CREATE TABLE listing_view_shadow (LIKE listing_view INCLUDING DEFAULTS INCLUDING GENERATED);
                    CREATE TABLE category_stats_shadow (LIKE category_stats INCLUDING DEFAULTS);
                    INSERT INTO category_stats_shadow (category, currency, active_count) VALUES ('junk', 'EUR', 999);
                    RESET ROLE""");
        }

        admin().post(REBUILD).then().statusCode(202);
        awaitState("DONE");

        assertThat(rows("SELECT count(*) FROM category_stats WHERE category = 'junk'")).containsExactly("0, ");
        assertReadModelIsTheTruth();
    }

    @Test
    void an_unknown_projection_is_404_and_the_endpoints_are_for_admins() {
        admin().post("/admin/projections/nothing/rebuild").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("alice")).post(REBUILD).then().statusCode(403);
        given().auth().oauth2(TestTokens.token("alice")).get("/admin/projections").then().statusCode(403);
    }

    @Test
    void the_swap_drops_the_views_get_answers_from_memory() throws Exception {
        UUID id = create("alice");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !ReadTables.rows(db, "SELECT id FROM listing_view WHERE id = ?", id).isEmpty());
        // A view wrong in the table (changed behind the projector's back), read once: now held in memory.
        try (var connection = db.getConnection();
                var update = connection.prepareStatement("UPDATE listing_view SET title = 'Wrong' WHERE id = ?")) {
            update.setObject(1, id);
            update.executeUpdate();
        }
        reader().get("/listings/" + id).then().statusCode(200).body("title", equalTo("Wrong"));

        admin().post(REBUILD).then().statusCode(202);
        awaitState("DONE");

        // The rebuilt table has the truth, and the swap announced that every view may have changed.
        reader().get("/listings/" + id).then().statusCode(200).body("title", equalTo("Road bike"));
    }
}
