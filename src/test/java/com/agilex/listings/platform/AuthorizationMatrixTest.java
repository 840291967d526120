package com.agilex.listings.platform;

import static com.agilex.listings.support.Api.as;
import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.listing;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every cell of the table "Who may call what" in docs/api.md, against the running service: the
 * table is the specification, so the documentation cannot drift from what the service does.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    static final String SELLER = "alice";
    static final String BUYER = "carol";
    static final String CATEGORY = "matrix";

    /** A caller: the Authorization header it sends, or none. */
    static final Map<String, Supplier<String>> CALLERS = callers();

    record Row(String method, String path, String listing, Map<String, Integer> expected) {
    }

    @Test
    void every_endpoint_answers_every_kind_of_caller_as_documented() throws Exception {
        List<Row> rows = rows(Path.of("docs/api.md"));
        assertThat(rows).as("rows of the table in docs/api.md").hasSizeGreaterThanOrEqualTo(20);
        var wrong = new ArrayList<String>();
        for (Row row : rows) {
            assertThat(row.expected().keySet()).as(row.method() + " " + row.path()).isEqualTo(CALLERS.keySet());
            for (var cell : row.expected().entrySet()) {
                int status = call(row, CALLERS.get(cell.getKey()).get());
                if (status != cell.getValue()) {
                    wrong.add(row.method() + " " + row.path() + " as " + cell.getKey() + ": " + status
                            + ", documented " + cell.getValue());
                }
            }
        }
        assertThat(wrong).as("cells where the service and docs/api.md disagree").isEmpty();
    }

    @AfterEach
    void noRebuildLeftRunning() {
        // The admin's POST starts a rebuild and its DELETE cancels it: leave none behind for other tests.
        await().atMost(Duration.ofSeconds(60)).until(() -> Set.of("IDLE", "DONE", "CANCELLED", "FAILED")
                .contains(given().auth().oauth2(TestTokens.token("root", Roles.ADMIN))
                        .get("/admin/projections/listings/rebuild").then().extract().path("state")));
    }

    /** Sets up the row's listing, then sends its request with the caller's Authorization header. */
    static int call(Row row, String authorization) {
        String path = row.path().replace("{category}", CATEGORY).replace("{seller}", SELLER);
        if (path.contains("{id}")) {
            path = path.replace("{id}", listingIn(row.listing()).toString());
        }
        RequestSpecification request = given().redirects().follow(false);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        Object body = bodyFor(row.method(), path);
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        return request.request(row.method(), path).statusCode();
    }

    static Object bodyFor(String method, String path) {
        if (method.equals("PATCH")) {
            return "{\"title\":\"Renamed lamp\"}";
        }
        if (path.endsWith("/price")) {
            return "{\"amount\":\"12.00\",\"currency\":\"EUR\"}";
        }
        if (path.equals("/listings")) {
            return listing("Lamp", CATEGORY, "10", "EUR");
        }
        // sell and withdraw take an optional body; without one REST Assured would send a form's content type.
        return path.equals("/events") || path.endsWith("/sell") || path.endsWith("/withdraw") ? "{}" : null;
    }

    static UUID listingIn(String status) {
        String id = as(SELLER).body(listing("Lamp", CATEGORY, "10", "EUR")).post("/listings")
                .then().statusCode(201).extract().path("id");
        UUID listing = UUID.fromString(id);
        if (!status.equals("draft")) {
            command(SELLER, listing, "publish");
        }
        if (status.equals("reserved")) {
            command(BUYER, listing, "reserve");
        }
        if (!Set.of("draft", "published", "reserved").contains(status)) {
            throw new IllegalArgumentException("No fixture for a listing in " + status);
        }
        return listing;
    }

    /** The rows of the table that follows the heading "Who may call what". */
    static List<Row> rows(Path document) throws Exception {
        List<String> lines = Files.readAllLines(document);
        int heading = lines.indexOf("# Who may call what");
        assertThat(heading).as("the heading '# Who may call what' in " + document).isNotNegative();
        List<String> table = lines.subList(heading, lines.size()).stream()
                .dropWhile(line -> !line.startsWith("|")).takeWhile(line -> line.startsWith("|")).toList();
        List<String> header = cells(table.get(0));
        var rows = new ArrayList<Row>();
        for (String line : table.subList(2, table.size())) {
            List<String> cells = cells(line);
            String[] request = cells.get(0).replace("`", "").split(" ", 2);
            var expected = new LinkedHashMap<String, Integer>();
            for (int column = 2; column < header.size(); column++) {
                expected.put(header.get(column), Integer.parseInt(cells.get(column)));
            }
            rows.add(new Row(request[0], request[1], cells.get(1), expected));
        }
        return rows;
    }

    static List<String> cells(String line) {
        return Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|")).map(String::strip).toList();
    }

    static Map<String, Supplier<String>> callers() {
        var callers = new LinkedHashMap<String, Supplier<String>>();
        callers.put("anonymous", () -> null);
        callers.put("seller", () -> bearer(TestTokens.token(SELLER)));
        callers.put("another seller", () -> bearer(TestTokens.token("bob")));
        callers.put("buyer", () -> bearer(TestTokens.token(BUYER)));
        callers.put("admin", () -> bearer(TestTokens.token("root", Roles.ADMIN)));
        callers.put("expired", () -> bearer(TestTokens.expiredToken(SELLER)));
        callers.put("wrong issuer", () -> bearer(TestTokens.tokenFromAnotherIssuer(SELLER)));
        callers.put("wrong audience", () -> bearer(TestTokens.tokenForAnotherAudience(SELLER)));
        callers.put("alg none", () -> bearer(TestTokens.unsignedToken(SELLER)));
        callers.put("HS256 with public key", () -> {
            try {
                return bearer(TestTokens.hs256SignedWithThePublicKey(SELLER));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        callers.put("no subject", () -> bearer(TestTokens.tokenWithoutSubject()));
        return callers;
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
