package com.agilex.listings.admin;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.agilex.listings.platform.Roles;
import com.agilex.listings.support.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /admin/consistency folds every stream and finds each way listing_view can differ from it. */
@QuarkusTest
class ConsistencyCheckTest {

    @Inject
    AgroalDataSource db;

    static JsonPath check() {
        return given().auth().oauth2(TestTokens.token("root", Roles.ADMIN)).get("/admin/consistency")
                .then().statusCode(200).extract().jsonPath();
    }

    void sql(String statement, Object... params) throws SQLException {
        try (var connection = db.getConnection(); var update = connection.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                update.setObject(i + 1, params[i]);
            }
            update.executeUpdate();
        }
    }

    /** A listing at version 3 (created, published, repriced), visible in the read model. */
    static UUID projectedListing() {
        UUID id = create("alice");
        command("alice", id, "publish");
        as("alice").body(Map.of("amount", "99", "currency", "EUR")).post("/listings/" + id + "/price").then().statusCode(200);
        given().get("/listings/" + id + "?minVersion=3").then().statusCode(200);
        return id;
    }

    @Test
    void the_read_model_agrees_with_the_event_store() {
        projectedListing();

        JsonPath report = check();

        assertThat(report.getLong("differenceCount")).as(report.prettify()).isZero();
        assertThat(report.getLong("viewsWithoutStream")).isZero();
        assertThat(report.getLong("consistent")).isPositive();
        assertThat(report.getLong("streamsChecked")).isGreaterThanOrEqualTo(report.getLong("consistent"));
    }

    @Test
    void a_view_that_differs_from_its_stream_is_reported_field_by_field() throws SQLException {
        UUID id = projectedListing();
        sql("UPDATE listing_view SET title = 'Tampered', price_amount = 1 WHERE id = ?", id);
        try {
            JsonPath report = check();

            List<Map<String, String>> ours = report.getList("differences.findAll { it.listingId == '" + id + "' }");
            assertThat(ours).extracting(d -> d.get("field")).containsExactlyInAnyOrder("title", "price");
            assertThat(ours).filteredOn(d -> d.get("field").equals("title"))
                    .allSatisfy(d -> assertThat(d).containsEntry("expected", "Road bike").containsEntry("actual", "Tampered"));
            assertThat(report.getLong("differenceCount")).isGreaterThanOrEqualTo(2);
        } finally {
            sql("UPDATE listing_view SET title = 'Road bike', price_amount = 99 WHERE id = ?", id);
        }
        assertThat(check().getLong("differenceCount")).isZero();
    }

    @Test
    void a_view_without_a_stream_is_reported() throws SQLException {
        UUID ghost = UUID.randomUUID();
        sql("""
                INSERT INTO listing_view (id, seller_id, title, description, category, price_amount, currency, status,
                                          version, created_at, updated_at)
                VALUES (?, 'nobody', 'Ghost', '', 'ghosts', 1, 'EUR', 'PUBLISHED', 1, now(), now())""", ghost);
        try {
            assertThat(check().getLong("viewsWithoutStream")).isEqualTo(1);
        } finally {
            sql("DELETE FROM listing_view WHERE id = ?", ghost);
        }
    }

    @Test
    void only_admins_run_it() {
        given().auth().oauth2(TestTokens.token("alice")).get("/admin/consistency").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/admin/consistency").then().statusCode(401);
    }
}
