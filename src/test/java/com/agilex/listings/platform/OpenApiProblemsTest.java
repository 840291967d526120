package com.agilex.listings.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * /q/openapi documents every problem type the code can answer, with an example of the right type
 * and status, so a new type cannot ship undocumented; the Swagger UI is served in dev and test.
 */
@QuarkusTest
class OpenApiProblemsTest {

    /** A problem type as the mappers build it: ProblemMappers.problem(status, "type", ...). */
    static final Pattern MAPPED = Pattern.compile("problem\\((\\d{3}), \"([a-z-]+)\"");

    static Map<String, Integer> typesInTheCode() throws IOException {
        var types = new HashMap<String, Integer>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher mapped = MAPPED.matcher(Files.readString(source));
                while (mapped.find()) {
                    types.put(mapped.group(2), Integer.parseInt(mapped.group(1)));
                }
            }
        }
        return types;
    }

    @Test
    void every_problem_type_is_documented_with_an_example() throws IOException {
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        JsonNode responses = document.at("/components/responses");
        Map<String, Integer> types = typesInTheCode();
        assertThat(types).hasSizeGreaterThan(20);
        types.forEach((type, status) -> {
            JsonNode example = responses.at("/" + type + "/content/application~1problem+json/example");
            assertThat(example.isMissingNode()).as("an example of " + type + " in /q/openapi").isFalse();
            assertThat(example.path("type").asText()).isEqualTo(Problem.TYPE_PREFIX + type);
            assertThat(example.path("status").asInt()).as(type).isEqualTo(status);
        });
        assertThat(document.at("/components/schemas/Problem/properties/type").isMissingNode()).isFalse();
    }

    @Test
    void the_swagger_ui_is_served() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
