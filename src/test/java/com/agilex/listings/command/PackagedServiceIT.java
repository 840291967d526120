package com.agilex.listings.command;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.agilex.listings.support.TestTokens;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged jar, started as a separate process: it migrates, authenticates and serves commands. */
@QuarkusIntegrationTest
class PackagedServiceIT {

    @Test
    void the_packaged_service_takes_a_command_and_serves_the_result() {
        String token = TestTokens.token("alice");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "Armchair", "category", "furniture",
                        "price", Map.of("amount", "120.00", "currency", "EUR")))
                .post("/listings")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).post("/listings/" + id + "/publish").then().statusCode(200);

        given().get("/listings/" + id + "?minVersion=2").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("version", equalTo(2));
        given().contentType(ContentType.JSON).post("/listings/" + id + "/withdraw").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void health_and_openapi_are_served() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
