package com.agilex.listings.command;

import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.create;
import static com.agilex.listings.support.Api.listing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.agilex.listings.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Commands need a valid bearer token from the trusted issuer; queries stay public. */
@QuarkusTest
class AuthenticationTest {

    @Inject
    JWTParser parser;

    static RequestSpecification createWith(String authorization) {
        var request = given().contentType(ContentType.JSON).body(listing("Lamp", "home", "10", "EUR"));
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    static void assertUnauthorized(RequestSpecification request) {
        request.post("/listings")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }

    @Test
    void no_token_is_401() {
        assertUnauthorized(createWith(null));
    }

    @Test
    void a_malformed_token_is_401() {
        assertUnauthorized(createWith("Bearer not.a.jwt"));
        assertUnauthorized(createWith("Basic YWxpY2U6c2VjcmV0"));
    }

    @Test
    void an_expired_token_is_401() {
        assertUnauthorized(createWith("Bearer " + TestTokens.expiredToken("alice")));
    }

    @Test
    void a_token_signed_by_an_untrusted_key_is_401() throws Exception {
        assertUnauthorized(createWith("Bearer " + TestTokens.tokenSignedByAnotherKey("alice")));
    }

    @Test
    void a_token_from_another_issuer_is_401() {
        assertUnauthorized(createWith("Bearer " + TestTokens.tokenFromAnotherIssuer("alice")));
    }

    @Test
    void every_command_endpoint_requires_a_token() {
        UUID id = create("alice");
        for (String command : new String[] {"publish", "reserve", "release", "sell", "withdraw"}) {
            given().contentType(ContentType.JSON).post("/listings/" + id + "/" + command).then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body("{\"title\":\"x\"}").patch("/listings/" + id).then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"amount\":\"1\",\"currency\":\"EUR\"}")
                .post("/listings/" + id + "/price").then().statusCode(401);
    }

    @Test
    void another_seller_gets_403() {
        UUID id = create("alice");

        given().auth().oauth2(TestTokens.token("bob")).post("/listings/" + id + "/publish")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("Only the listing's seller may publish it"));
    }

    @Test
    void reading_a_listing_needs_no_token_and_ignores_a_bad_one() {
        UUID id = create("alice");
        command("alice", id, "publish");

        given().get("/listings/" + id + "?minVersion=2").then().statusCode(200);
        given().header("Authorization", "Bearer " + TestTokens.expiredToken("alice")).get("/listings/" + id + "?minVersion=2")
                .then().statusCode(200);
    }

    @Test
    void a_token_printed_by_bin_dev_token_is_accepted() throws Exception {
        var process = new ProcessBuilder("bin/dev-token", "dave").redirectErrorStream(true).start();
        String token = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor()).as(token).isZero();

        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(listing("Lamp", "home", "10", "EUR"))
                .post("/listings")
                .then().statusCode(201).extract().path("id");
        // A draft: its seller's to read.
        given().auth().oauth2(token).get("/listings/" + id + "?minVersion=1").then().statusCode(200).body("sellerId", equalTo("dave"));
    }

    @Test
    void a_token_is_verified_once_then_trusted_from_the_cache_and_a_bad_one_never_is() throws Exception {
        String token = TestTokens.token("erin");
        // The parser smallrye-jwt authenticates with is decorated (VerifiedTokenCache): the same token, the same principal.
        assertThat(parser.parse(token)).isSameAs(parser.parse(token));

        String expired = TestTokens.expiredToken("erin");
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> parser.parse(expired)).isInstanceOf(ParseException.class);
            assertUnauthorized(createWith("Bearer " + expired));
        }
    }
}
