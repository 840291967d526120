package com.agilex.listings.query;

import static com.agilex.listings.support.Api.reader;
import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.listing;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * GET /listings/{id} answers from memory what it read before, and stays exact: a change the
 * projector commits is announced and seen at once, and while the announcements may be missed
 * (the listening connection lost) every read goes to the database. The tests change a view
 * behind the projector's back (an UPDATE that announces nothing) to see which one answers.
 */
@QuarkusTest
class ListingViewCacheTest {

    @Inject
    AgroalDataSource db;

    static String create(String seller, String title) {
        return as(seller).body(listing(title, "home", "10.00", "EUR")).post("/listings").then().statusCode(201).extract().path("id");
    }

    void behindTheProjector(String id, String title) throws SQLException {
        try (var connection = db.getConnection();
                var update = connection.prepareStatement("UPDATE listing_view SET title = ? WHERE id = CAST(? AS uuid)")) {
            update.setString(1, title);
            update.setString(2, id);
            update.executeUpdate();
        }
    }

    @Test
    void a_view_read_once_is_served_from_memory_until_the_projector_announces_a_change() throws Exception {
        String id = create("alice", "Lamp");
        reader().get("/listings/" + id + "?minVersion=1").then().statusCode(200).body("title", equalTo("Lamp"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                reader().get("/listings/" + id).then().statusCode(200).body("title", equalTo("Lamp")));

        behindTheProjector(id, "Changed behind the projector");
        reader().get("/listings/" + id).then().statusCode(200).body("title", equalTo("Lamp")).header("ETag", "\"1\"");

        as("alice").body("{\"amount\":\"12.00\",\"currency\":\"EUR\"}").post("/listings/" + id + "/price").then().statusCode(200);
        // Announced with the projector's commit: the next read is of the database, at version 2.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> reader().get("/listings/" + id).then()
                .statusCode(200).body("version", equalTo(2)).body("price.amount", equalTo("12.00")));
        reader().get("/listings/" + id).then().header("ETag", "\"2\"")
                .body("title", equalTo("Changed behind the projector"));
    }

    @Test
    void while_the_announcements_may_be_missed_every_read_goes_to_the_database() throws Exception {
        String id = create("alice", "Desk");
        reader().get("/listings/" + id + "?minVersion=1").then().statusCode(200);
        reader().get("/listings/" + id).then().statusCode(200).body("title", equalTo("Desk"));

        try (var connection = db.getConnection(); var kill = connection.createStatement()) {
            kill.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"
                    + " AND datname = current_database()");
        }
        behindTheProjector(id, "Changed while nobody listened");
        // The cache closed when the connection went, and opened empty when it came back.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                reader().get("/listings/" + id).then().statusCode(200).body("title", equalTo("Changed while nobody listened")));
    }
}
