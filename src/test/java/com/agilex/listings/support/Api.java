package com.agilex.listings.support;

import com.agilex.listings.platform.Roles;
import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** REST Assured shortcuts for the listings API, so tests read as what they check. */
public final class Api {

    private Api() {
    }

    /**
     * A reader who sees every listing whole, drafts and buyers included (an admin): for tests of
     * something other than who sees what (PrivacyTest, AuthorizationMatrixTest).
     */
    public static RequestSpecification reader() {
        return given().auth().oauth2(TestTokens.token("reader", Roles.ADMIN));
    }

    /** A request authenticated as {@code user}, with a JSON body type. */
    public static RequestSpecification as(String user) {
        return given().auth().oauth2(TestTokens.token(user)).contentType(ContentType.JSON);
    }

    public static Map<String, Object> listing(String title, String category, String amount, String currency) {
        return Map.of("title", title, "description", "A fine " + title.toLowerCase(), "category", category,
                "price", Map.of("amount", amount, "currency", currency));
    }

    /** Creates a listing for {@code seller} and returns its id. */
    public static UUID create(String seller) {
        String id = as(seller).body(listing("Road bike", "bikes", "350.00", "EUR"))
                .post("/listings")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    /** Runs a body-less command (publish, reserve, release, sell, withdraw) and expects a 200. */
    public static void command(String user, UUID id, String command) {
        as(user).post("/listings/" + id + "/" + command).then().statusCode(200);
    }
}
