package com.agilex.listings.query;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.agilex.listings.platform.Roles;
import com.agilex.listings.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the public query API keeps to its owners (docs/api.md, "Who may call what"): a draft, a
 * buyer's id, a seller's revenue. Who may call at all is AuthorizationMatrixTest's; this test
 * checks the fields each caller sees.
 */
@QuarkusTest
class PrivacyTest {

    static final String SELLER = "privacy-seller";
    static final String BUYER = "privacy-buyer";
    static final String STRANGER = "privacy-stranger";

    static RequestSpecification anonymous() {
        return given();
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.token("privacy-admin", Roles.ADMIN));
    }

    @Test
    void a_draft_is_its_sellers_and_the_admins_and_does_not_exist_for_anyone_else() {
        UUID draft = create(SELLER);
        String path = "/listings/" + draft + "?minVersion=1";

        as(SELLER).get(path).then().statusCode(200).header("Vary", "Authorization");
        admin().get(path).then().statusCode(200);
        anonymous().get(path).then().statusCode(404);
        as(STRANGER).get(path).then().statusCode(404);
        // A token that does not verify reads as no token.
        given().auth().oauth2(TestTokens.expiredToken(SELLER)).get(path).then().statusCode(404);

        as(SELLER).get("/listings?status=DRAFT&sellerId=" + SELLER).then().statusCode(200)
                .body("items.id", hasItem(draft.toString()));
        as(STRANGER).get("/listings?status=DRAFT&sellerId=" + SELLER).then().statusCode(403);
        anonymous().get("/listings?status=DRAFT&sellerId=" + SELLER).then().statusCode(401);
    }

    @Test
    void a_buyers_id_is_shown_to_that_buyer_the_seller_and_admins_only() {
        UUID listing = create(SELLER);
        command(SELLER, listing, "publish");
        command(BUYER, listing, "reserve");
        String path = "/listings/" + listing + "?minVersion=3";

        as(BUYER).get(path).then().statusCode(200).body("buyerId", equalTo(BUYER));
        as(SELLER).get(path).then().statusCode(200).body("buyerId", equalTo(BUYER));
        admin().get(path).then().statusCode(200).body("buyerId", equalTo(BUYER));
        as(STRANGER).get(path).then().statusCode(200).body("status", equalTo("RESERVED")).body("buyerId", nullValue());
        anonymous().get(path).then().statusCode(200).body("buyerId", nullValue());

        // The same in search results.
        String search = "/listings?status=RESERVED&sellerId=" + SELLER;
        anonymous().get(search).then().statusCode(200).header("Vary", "Authorization")
                .body("items.find { it.id == '" + listing + "' }.buyerId", nullValue());
        as(BUYER).get(search).then().statusCode(200).body("items.find { it.id == '" + listing + "' }.buyerId", equalTo(BUYER));
        as(STRANGER).get(search).then().statusCode(200).body("items.buyerId", not(hasItem(BUYER)));
    }

    @Test
    void a_sellers_revenue_is_that_sellers_and_the_admins() {
        String seller = "revenue-" + UUID.randomUUID();
        UUID listing = create(seller);
        command(seller, listing, "publish");
        command(BUYER, listing, "reserve");
        command(seller, listing, "sell");
        given().get("/listings/" + listing + "?minVersion=4").then().statusCode(200);
        String path = "/sellers/" + seller + "/stats";

        as(seller).get(path).then().statusCode(200).header("Vary", "Authorization")
                .body("sold", equalTo(1)).body("revenue[0].amount", notNullValue());
        admin().get(path).then().statusCode(200).body("revenue[0].amount", notNullValue());
        as(STRANGER).get(path).then().statusCode(200).body("sold", equalTo(1)).body("revenue", nullValue());
        anonymous().get(path).then().statusCode(200).body("revenue", nullValue());
    }
}
