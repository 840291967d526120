package com.agilex.listings.query;

import static com.agilex.listings.support.Api.reader;
import static com.agilex.listings.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** GET /listings: filters, sorts, and keyset pagination that never repeats or skips a listing. */
@QuarkusTest
class ListingSearchTest {

    static String uniqueCategory() {
        return "search-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String publish(String seller, String category, String amount) {
        String id = as(seller).body(Map.of("title", "Vintage radio " + amount, "category", category,
                        "price", Map.of("amount", amount, "currency", "EUR")))
                .post("/listings").then().statusCode(201).extract().path("id");
        as(seller).post("/listings/" + id + "/publish").then().statusCode(200);
        return id;
    }

    static List<String> idsOfCategory(String category, String query) {
        return reader().get("/listings?category=" + category + query).then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    /** Walks every page; returns all ids in page order. */
    static List<String> walk(String query) {
        var ids = new ArrayList<String>();
        String cursor = null;
        do {
            JsonPath page = reader().get("/listings?" + query + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    @Test
    void walking_the_pages_returns_every_listing_exactly_once_while_listings_are_being_inserted() throws Exception {
        String category = uniqueCategory();
        var existing = new ArrayList<String>();
        for (int i = 0; i < 30; i++) {
            existing.add(publish("alice", category, (100 + i) + ".00"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> idsOfCategory(category, "&limit=100").size() == 30);

        var inserting = new AtomicBoolean(true);
        var inserted = new ArrayList<String>();
        var inserter = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 15 && inserting.get(); i++) {
                inserted.add(publish("carol", category, (500 + i) + ".00"));
            }
        });
        List<String> newest = walk("category=" + category + "&limit=7");
        List<String> byPrice = walk("category=" + category + "&currency=EUR&sort=price_asc&limit=4");
        List<String> byPriceDesc = walk("category=" + category + "&currency=EUR&sort=price_desc&limit=9");
        inserting.set(false);
        inserter.get();

        for (List<String> walked : List.of(newest, byPrice, byPriceDesc)) {
            assertThat(walked).doesNotHaveDuplicates().containsAll(existing);
            assertThat(walked).allMatch(id -> existing.contains(id) || inserted.contains(id));
        }
    }

    @Test
    void sorts_order_by_price_or_newest_first() {
        String category = uniqueCategory();
        String cheap = publish("alice", category, "5.00");
        String dear = publish("alice", category, "500.00");
        String middle = publish("alice", category, "50.00");
        await().atMost(Duration.ofSeconds(20)).until(() -> idsOfCategory(category, "").size() == 3);

        assertThat(idsOfCategory(category, "")).containsExactly(middle, dear, cheap);
        assertThat(idsOfCategory(category, "&currency=EUR&sort=price_asc")).containsExactly(cheap, middle, dear);
        assertThat(idsOfCategory(category, "&currency=EUR&sort=price_desc")).containsExactly(dear, middle, cheap);
        assertThat(idsOfCategory(category, "&currency=EUR&minPrice=10&maxPrice=100")).containsExactly(middle);
        assertThat(idsOfCategory(category, "&currency=USD")).isEmpty();
    }

    @Test
    void filters_by_seller_status_and_text() {
        String category = uniqueCategory();
        String seller = "seller-" + UUID.randomUUID();
        String published = publish(seller, category, "20.00");
        String draft = as(seller).body(Map.of("title", "Brass telescope", "category", category,
                        "price", Map.of("amount", "80", "currency", "EUR")))
                .post("/listings").then().statusCode(201).extract().path("id");
        reader().get("/listings/" + draft + "?minVersion=1").then().statusCode(200);
        reader().get("/listings/" + published + "?minVersion=2").then().statusCode(200);

        assertThat(idsOfCategory(category, "&sellerId=" + seller)).containsExactly(published);
        assertThat(idsOfCategory(category, "&sellerId=" + seller + "&status=draft")).containsExactly(draft);
        assertThat(idsOfCategory(category, "&status=DRAFT&q=telescope")).containsExactly(draft);
        assertThat(idsOfCategory(category, "&q=radio")).containsExactly(published);
        assertThat(reader().get("/listings?sellerId=" + seller + "&status=PUBLISHED").then().extract().jsonPath()
                .getList("items.price.amount", String.class)).containsExactly("20.00");
    }

    @Test
    void invalid_query_parameters_are_400_naming_each() {
        String cursorOfNewest = walkFirstCursor();
        reader().get("/listings?limit=0").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("invalid-query")).body("errors.field", hasItem("limit"));
        reader().get("/listings?limit=101").then().statusCode(400).body("errors.field", hasItem("limit"));
        reader().get("/listings?limit=ten").then().statusCode(400).body("errors.field", hasItem("limit"));
        reader().get("/listings?sort=cheapest").then().statusCode(400).body("errors.field", hasItem("sort"));
        reader().get("/listings?status=lost").then().statusCode(400).body("errors.field", hasItem("status"));
        reader().get("/listings?minPrice=abc&currency=EUR").then().statusCode(400).body("errors.field", hasItem("minPrice"));
        reader().get("/listings?minPrice=10").then().statusCode(400).body("errors.field", hasItem("currency"));
        reader().get("/listings?sort=price_asc").then().statusCode(400).body("errors.field", hasItem("currency"));
        reader().get("/listings?currency=EURO").then().statusCode(400).body("errors.field", hasItem("currency"));
        reader().get("/listings?category=Not A Slug").then().statusCode(400).body("errors.field", hasItem("category"));
        reader().get("/listings?cursor=garbage!").then().statusCode(400).body("errors.field", hasItem("cursor"));
        if (cursorOfNewest != null) {
            reader().get("/listings?currency=EUR&sort=price_asc&cursor=" + cursorOfNewest).then().statusCode(400)
                    .body("errors.field", hasItem("cursor"));
        }
        given().get("/sellers/" + "x".repeat(256) + "/stats").then().statusCode(400);
    }

    private static String walkFirstCursor() {
        String category = uniqueCategory();
        publish("alice", category, "1.00");
        publish("alice", category, "2.00");
        await().atMost(Duration.ofSeconds(20)).until(() -> idsOfCategory(category, "").size() == 2);
        return reader().get("/listings?category=" + category + "&limit=1").then().extract().path("nextCursor");
    }
}
