package com.agilex.listings.command;

import static com.agilex.listings.support.Api.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import com.agilex.listings.platform.JsonConfig;
import com.agilex.listings.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx problem+json that says what is wrong: never a 500, never a stack trace. */
@QuarkusTest
class BadInputTest {

    static final String PROBLEM = "application/problem+json";

    static RequestSpecification alice() {
        return given().auth().oauth2(TestTokens.token("alice"));
    }

    static void assertProblem(io.restassured.response.Response response, int status) {
        response.then().statusCode(status)
                .contentType(PROBLEM)
                .body("status", equalTo(status))
                .body("title", not(equalTo("")))
                .body(not(containsString("at com.")))
                .body(not(containsString("Exception")));
    }

    @Test
    void malformed_json_is_400() {
        var response = alice().contentType(ContentType.JSON).body("{\"title\": ").post("/listings");
        assertProblem(response, 400);
        response.then().body("type", endsWith("malformed-body"));
    }

    @Test
    void a_content_type_that_is_not_a_media_type_is_415_on_every_route() {
        // Found by EdgeFuzzIT: Quarkus REST failed to parse it while matching the route (500).
        for (String contentType : new String[] {"garbage", "/", " "}) {
            var command = alice().header("Content-Type", contentType).body("{}".getBytes(StandardCharsets.UTF_8))
                    .post("/listings");
            assertProblem(command, 415);
            var delivery = given().header("Authorization", "Bearer test-events-secret").header("Content-Type", contentType)
                    .body("1".getBytes(StandardCharsets.UTF_8)).post("/events");
            assertProblem(delivery, 415);
        }
    }

    @Test
    void a_number_longer_than_any_command_needs_is_400_as_it_is_read() {
        var longNumber = alice().contentType(ContentType.JSON)
                .body("{\"title\": 1" + "0".repeat(JsonConfig.MAX_NUMBER_LENGTH) + "}").post("/listings");
        assertProblem(longNumber, 400);
        // Refused by the parser (malformed), not by the title's type check (invalid-body).
        longNumber.then().body("type", endsWith("malformed-body"));
    }

    @Test
    void a_wrong_type_is_400_naming_the_field() {
        var response = alice().contentType(ContentType.JSON)
                .body("{\"title\": 42, \"category\": \"home\", \"price\": {\"amount\": \"10\", \"currency\": \"EUR\"}}")
                .post("/listings");
        assertProblem(response, 400);
        response.then().body("errors.field", hasItem("title"));

        var badAmount = alice().contentType(ContentType.JSON)
                .body("{\"title\": \"Lamp\", \"category\": \"home\", \"price\": {\"amount\": \"ten\", \"currency\": \"EUR\"}}")
                .post("/listings");
        assertProblem(badAmount, 400);
        badAmount.then().body("errors.field", hasItem("price.amount"));
    }

    @Test
    void text_that_cannot_be_stored_is_400_naming_the_field() {
        // JSON escapes: NUL (PostgreSQL's jsonb and text cannot hold it), another C0 control, a lone surrogate.
        for (String title : new String[] {"a\\u0000b", "bell\\u0007", "half \\ud800 of a pair"}) {
            var response = alice().contentType(ContentType.JSON)
                    .body("{\"title\": \"" + title + "\", \"category\": \"home\", \"price\": {\"amount\": \"10\", \"currency\": \"EUR\"}}")
                    .post("/listings");
            assertProblem(response, 400);
            response.then().body("errors.field", hasItem("title"));
        }
        var description = alice().contentType(ContentType.JSON)
                .body("{\"title\": \"Lamp\", \"description\": \"x\\u0000\", \"category\": \"home\", \"price\": {\"amount\": \"10\", \"currency\": \"EUR\"}}")
                .post("/listings");
        assertProblem(description, 400);
        description.then().body("errors.field", hasItem("description"));
        // Usual whitespace and characters beyond the BMP (a pair) are text like any other.
        alice().contentType(ContentType.JSON)
                .body("{\"title\": \"Lamp\\tblue \\ud83d\\udca1\", \"description\": \"line one\\nline two\", \"category\": \"home\", \"price\": {\"amount\": \"10\", \"currency\": \"EUR\"}}")
                .post("/listings").then().statusCode(201);
    }

    @Test
    void a_key_given_twice_is_400_naming_it() {
        var response = alice().contentType(ContentType.JSON)
                .body("{\"title\": \"t\", \"title\": \"u\", \"category\": \"home\", \"price\": {\"amount\": \"10\", \"currency\": \"EUR\"}}")
                .post("/listings");
        assertProblem(response, 400);
        response.then().body("errors[0].field", equalTo("title")).body("errors[0].message", equalTo("appears more than once"));
    }

    @Test
    void query_text_that_cannot_be_stored_is_400_not_a_database_error() {
        assertProblem(given().urlEncodingEnabled(false).get("/listings?q=a%00b"), 400);
        assertProblem(given().urlEncodingEnabled(false).get("/listings?sellerId=x%01"), 400);
        assertProblem(given().urlEncodingEnabled(false).get("/sellers/x%00y/stats"), 400);
    }

    @Test
    void a_json_array_instead_of_an_object_is_400() {
        assertProblem(alice().contentType(ContentType.JSON).body("[1, 2]").post("/listings"), 400);
    }

    @Test
    void an_unknown_field_is_400_naming_it() {
        var response = alice().contentType(ContentType.JSON)
                .body("{\"titel\": \"Lamp\", \"category\": \"home\", \"price\": {\"amount\": \"10\", \"currency\": \"EUR\"}}")
                .post("/listings");
        assertProblem(response, 400);
        response.then().body("errors[0].field", equalTo("titel"));
    }

    @Test
    void missing_fields_are_400_listing_each() {
        var response = alice().contentType(ContentType.JSON).body("{}").post("/listings");
        assertProblem(response, 400);
        response.then().body("errors.field", hasItem("title")).body("errors.field", hasItem("price"));
    }

    @Test
    void an_empty_body_is_400() {
        assertProblem(alice().contentType(ContentType.JSON).post("/listings"), 400);
    }

    @Test
    void a_body_over_the_limit_is_413() {
        String huge = "{\"title\": \"" + "x".repeat(70_000) + "\"}";
        assertProblem(alice().contentType(ContentType.JSON).body(huge).post("/listings"), 413);
    }

    @Test
    void a_wrong_content_type_is_415() {
        assertProblem(alice().contentType(ContentType.TEXT).body("title=Lamp").post("/listings"), 415);
        assertProblem(alice().contentType("application/xml").body("<listing/>").post("/listings"), 415);
    }

    @Test
    void a_non_uuid_id_is_404() {
        assertProblem(given().get("/listings/not-a-uuid"), 404);
        assertProblem(alice().post("/listings/12345/publish"), 404);
        assertProblem(alice().contentType(ContentType.JSON).body("{}").patch("/listings/1-2-3-4-5"), 404);
    }

    @Test
    void an_unknown_listing_is_404() {
        assertProblem(alice().post("/listings/" + UUID.randomUUID() + "/publish"), 404);
    }

    @Test
    void a_malformed_if_match_is_400() {
        UUID id = create("alice");
        assertProblem(alice().header("If-Match", "7").post("/listings/" + id + "/publish"), 400);
        assertProblem(alice().header("If-Match", "\"one\"").post("/listings/" + id + "/publish"), 400);
        // A weak tag is well formed but never matches If-Match's strong comparison.
        assertProblem(alice().header("If-Match", "W/\"1\"").post("/listings/" + id + "/publish"), 412);
    }

    @Test
    void an_unsupported_method_is_405() {
        assertProblem(alice().delete("/listings/" + UUID.randomUUID()), 405);
    }

    @Test
    void an_unknown_path_is_404() {
        assertProblem(given().get("/nothing-here"), 404);
    }
}
