package com.agilex.listings.fuzz;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Listings the generated requests aim at, one in each status, all the seller's (the buyer holds
 * the reserved and the sold one), and the events the store holds for them once they are projected.
 */
final class Fixture {

    static final String SELLER = "alice";
    static final String BUYER = "carol";
    static final String CREATE = """
            {"title":"Brass lamp","description":"Works","category":"lighting","price":{"amount":"30.00","currency":"EUR"}}""";

    static UUID draft;
    static UUID published;
    static UUID reserved;
    static UUID sold;
    static List<Store.StoredEvent> events;

    private Fixture() {
    }

    static void create(Store store) {
        draft = created();
        published = created();
        command(published, "publish", Caller.SELLER, null);
        reserved = created();
        command(reserved, "publish", Caller.SELLER, null);
        command(reserved, "reserve", Caller.BUYER, null);
        sold = created();
        command(sold, "publish", Caller.SELLER, null);
        command(sold, "reserve", Caller.BUYER, null);
        command(sold, "sell", Caller.SELLER, "{\"buyerId\":\"" + BUYER + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(store::caughtUp);
        events = store.events();
    }

    static List<UUID> listings() {
        return List.of(draft, published, reserved, sold);
    }

    private static UUID created() {
        Exchange.Answer answer = succeeded(new FuzzRequest("POST", "/listings", Caller.SELLER, List.of(json()), bytes(CREATE)));
        try {
            return UUID.fromString(new ObjectMapper().readTree(answer.body()).get("id").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(answer.body(), e);
        }
    }

    private static void command(UUID listing, String action, Caller caller, String body) {
        succeeded(new FuzzRequest("POST", "/listings/" + listing + "/" + action, caller,
                body == null ? List.of() : List.of(json()), body == null ? null : bytes(body)));
    }

    private static Exchange.Answer succeeded(FuzzRequest request) {
        Exchange.Answer answer = Exchange.send(request);
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("The fixture's " + request.target() + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    private static FuzzRequest.Header json() {
        return new FuzzRequest.Header("Content-Type", "application/json");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
