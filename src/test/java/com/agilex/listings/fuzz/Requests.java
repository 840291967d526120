package com.agilex.listings.fuzz;

import static com.agilex.listings.fuzz.Gen.weight;

import com.agilex.listings.fuzz.FuzzRequest.Header;
import com.agilex.listings.fuzz.Json.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/** Generated requests for each family of endpoints: valid ones, and every way of bending them. */
final class Requests {

    private static final Field TITLE = new Field("title", Gen.of("\"Lamp\"", "\"Brass lamp\"", "\"" + "A".repeat(120) + "\""));
    private static final Field DESCRIPTION = new Field("description", Gen.of("\"\"", "\"Works\"", "\"Line one\\nline two\\ttabbed\""));
    private static final Field CATEGORY = new Field("category", Gen.of("\"lighting\"", "\"home-garden\"", "\"a\""));
    private static final Gen<String> PRICE = Json.object(
            new Field("amount", Gen.of("\"12.00\"", "\"0.01\"", "\"1000000000\"", "\"5\"", "\"7.5\"")),
            new Field("currency", Gen.of("\"EUR\"", "\"JPY\"", "\"BHD\"", "\"USD\"")));
    private static final Gen<String> UUIDS = Gen.combine(Gen.longs(), Gen.longs(), (high, low) -> new UUID(high, low).toString());

    private Requests() {
    }

    static Gen<FuzzRequest> commands() {
        Gen<String> id = listingId();
        Gen<FuzzRequest> create = request(Gen.just("POST"), Gen.just("/listings"), userCaller(),
                Json.body(Json.object(TITLE, DESCRIPTION, CATEGORY, new Field("price", PRICE))), true);
        Gen<FuzzRequest> update = request(Gen.just("PATCH"), id.map(listing -> "/listings/" + listing),
                userCaller(), Json.body(Json.object(TITLE, DESCRIPTION, CATEGORY)), true);
        Gen<FuzzRequest> price = request(Gen.just("POST"), id.map(listing -> "/listings/" + listing + "/price"),
                userCaller(), Json.body(PRICE), true);
        Gen<FuzzRequest> sell = request(Gen.just("POST"), id.map(listing -> "/listings/" + listing + "/sell"),
                userCaller(), optional(Json.body(Json.object(new Field("buyerId", Gen.of("\"carol\"", "\"bob\""))))), true);
        Gen<FuzzRequest> withdraw = request(Gen.just("POST"), id.map(listing -> "/listings/" + listing + "/withdraw"),
                userCaller(), optional(Json.body(Json.object(new Field("reason", Gen.of("\"sold elsewhere\"", "\"\""))))), true);
        Gen<FuzzRequest> bodiless = request(Gen.just("POST"),
                Gen.combine(id, Gen.of("publish", "reserve", "release", "sell", "withdraw", "unknown", ""),
                        (listing, action) -> "/listings/" + listing + "/" + action),
                userCaller(), optional(Json.body(Json.value(2))), true);
        Gen<FuzzRequest> otherMethod = request(Gen.of("PUT", "DELETE", "OPTIONS"),
                id.map(listing -> "/listings/" + listing), userCaller(), optional(Json.body(Json.value(1))), true);
        return Gen.weighted(weight(4, create), weight(2, update), weight(2, price), weight(1, sell),
                weight(1, withdraw), weight(3, bodiless), weight(1, otherMethod));
    }

    static Gen<FuzzRequest> queries() {
        Gen<String> byId = Gen.combine(listingId(), query(Map.of("minVersion", Gen.of("1", "2", "3", "4", "0"))),
                (listing, query) -> "/listings/" + listing + query);
        Map<String, Gen<String>> search = new LinkedHashMap<>();
        search.put("status", Gen.of("PUBLISHED", "DRAFT", "RESERVED", "SOLD", "WITHDRAWN", "published"));
        search.put("category", Gen.of("lighting", "home-garden"));
        search.put("sellerId", Gen.of(Fixture.SELLER, "bob"));
        search.put("minPrice", Gen.of("0", "10", "12.00", "-1"));
        search.put("maxPrice", Gen.of("100", "0.01", "1e400"));
        search.put("currency", Gen.of("EUR", "JPY", "eur"));
        search.put("q", Gen.of("lamp", "brass lamp", "la*"));
        search.put("sort", Gen.of("newest", "price_asc", "price_desc"));
        search.put("limit", Gen.of("1", "20", "100", "101", "0", "-1"));
        search.put("cursor", Gen.of("eyJ9", "AAAA", "x"));
        Gen<String> list = query(search).map(query -> "/listings" + query);
        Gen<String> sellerStats = Gen.weighted(weight(2, Gen.of(Fixture.SELLER, "bob")), weight(3, Texts.encoded()))
                .map(seller -> "/sellers/" + seller + "/stats");
        Gen<String> target = Gen.weighted(weight(3, byId), weight(3, list), weight(1, sellerStats),
                weight(1, query(Map.of()).map(query -> "/stats/categories" + query)));
        Gen<List<Header>> headers = headers(Map.of(
                "If-None-Match", Gen.of("\"1\"", "\"2\"", "W/\"1\"", "*", "\"1\", \"2\"", "\"99999999999999999999\"", "")));
        Gen<Caller> caller = anyCaller();
        return random -> new FuzzRequest("GET", target.next(random), caller.next(random), headers.next(random), null);
    }

    static Gen<FuzzRequest> history() {
        Gen<String> events = Gen.combine(listingId(), query(Map.of(
                        "fromVersion", Gen.of("1", "2", "0", "-1", "9223372036854775807"),
                        "limit", Gen.of("1", "100", "1000", "1001", "0"))),
                (listing, query) -> "/listings/" + listing + "/events" + query);
        Gen<String> state = Gen.combine(listingId(), query(Map.of(
                        "version", Gen.of("1", "2", "3", "0", "-1", "9223372036854775808"),
                        "at", Gen.of("2026-12-03T10:00:00Z", "2000-01-01T00:00:00Z", "2026-12-03", "now"))),
                (listing, query) -> "/listings/" + listing + "/state" + query);
        Gen<String> target = Gen.oneOf(events, state);
        Gen<Caller> caller = userCaller();
        Gen<List<Header>> headers = headers(Map.of());
        return random -> new FuzzRequest("GET", target.next(random), caller.next(random), headers.next(random), null);
    }

    /** The admin endpoints, but for a rebuild started or cancelled by an admin: that has tests of its own. */
    static Gen<FuzzRequest> admin() {
        Gen<String> projection = Gen.weighted(weight(3, Gen.just("listings")), weight(1, Texts.encoded()));
        Gen<String> path = Gen.weighted(
                weight(1, Gen.just("/admin/consistency")),
                weight(1, Gen.just("/admin/projections")),
                weight(2, projection.map(name -> "/admin/projections/" + name + "/rebuild")),
                weight(1, Texts.encoded().map(rest -> "/admin/" + rest)));
        Gen<FuzzRequest> any = request(Gen.of("GET", "GET", "POST", "DELETE"),
                Gen.combine(path, query(Map.of()), (target, query) -> target + query),
                Gen.weighted(weight(3, Gen.just(Caller.ADMIN)), weight(3, anyCaller())),
                optional(Json.body(Json.value(1))), false);
        return random -> {
            FuzzRequest request = any.next(random);
            while (request.caller() == Caller.ADMIN && !request.method().equals("GET")
                    && request.target().startsWith("/admin/projections/listings/rebuild")) {
                request = any.next(random);
            }
            return request;
        };
    }

    /** POST /events, binary and structured, built around an event the store holds and bent from there. */
    static Gen<FuzzRequest> events() {
        Gen<Caller> caller = Gen.weighted(weight(8, Gen.just(Caller.EVENT_SOURCE)), weight(2, anyCaller()));
        return Gen.of(Fixture.events).flatMap(event -> Gen.oneOf(binary(event, caller), structured(event, caller)));
    }

    private static Gen<FuzzRequest> binary(Store.StoredEvent event, Gen<Caller> caller) {
        Map<String, Gen<String>> attributes = new LinkedHashMap<>();
        attributes.put("ce-specversion", mostly("1.0", Gen.of("0.3", "1", "")));
        attributes.put("ce-id", mostly(event.id().toString(), UUIDS));
        attributes.put("ce-type", mostly(event.cloudEventType(), knownTypes()));
        attributes.put("ce-subject", mostly(event.listing().toString(), UUIDS));
        attributes.put("ce-streamversion", mostly(Long.toString(event.version()), Gen.of("0", "-1", "1.5", "99999999999999999999")));
        attributes.put("ce-time", mostly("2026-12-03T10:00:00Z", Gen.of("yesterday", "2026-13-40T99:00:00Z")));
        attributes.put("ce-source", mostly("/listings", Gen.just("")));
        var sent = new ArrayList<Gen<? extends Header>>();
        attributes.forEach((name, value) -> sent.add(value.map(v -> new Header(name, v)).orNull(0.05)));
        sent.add(contentType().orNull(0.05));
        Gen<List<Header>> headers = Gen.<Header>all(sent).map(Requests::present);
        Gen<byte[]> body = Gen.weighted(weight(3, Gen.just(Json.utf8(event.data()))), weight(2, Json.body(Json.value(2))));
        return random -> new FuzzRequest("POST", "/events", caller.next(random), headers.next(random), body.next(random));
    }

    private static Gen<FuzzRequest> structured(Store.StoredEvent event, Gen<Caller> caller) {
        Gen<String> envelope = Json.object(
                new Field("specversion", Gen.just("\"1.0\"")),
                new Field("id", Gen.just(Json.quoted(event.id().toString()))),
                new Field("type", Gen.just(Json.quoted(event.cloudEventType()))),
                new Field("subject", Gen.just(Json.quoted(event.listing().toString()))),
                new Field("streamversion", Gen.of(Json.quoted(Long.toString(event.version())), Long.toString(event.version()))),
                new Field("time", Gen.just("\"2026-12-03T10:00:00Z\"")),
                new Field("source", Gen.just("\"/listings\"")),
                new Field("data", Gen.just(event.data())));
        Gen<List<Header>> headers = Gen.weighted(
                weight(6, Gen.just(List.of(new Header("Content-Type", "application/cloudevents+json")))),
                weight(1, contentType().map(List::of)));
        Gen<byte[]> body = Json.body(envelope);
        return random -> new FuzzRequest("POST", "/events", caller.next(random), headers.next(random), body.next(random));
    }

    private static Gen<FuzzRequest> request(Gen<String> method, Gen<String> target, Gen<Caller> caller, Gen<byte[]> body,
            boolean command) {
        Map<String, Gen<String>> optional = new LinkedHashMap<>();
        if (command) {
            optional.put("If-Match", Gen.weighted(
                    weight(3, Gen.of("\"1\"", "\"2\"", "W/\"1\"", "*", "\"0\"", "\"-1\"", "\"99999999999999999999\"", "\"1\", \"2\"", "1", "")),
                    weight(1, Texts.headerValue())));
            optional.put("Idempotency-Key", Gen.weighted(weight(2, UUIDS), weight(1, Texts.headerValue())));
        }
        Gen<List<Header>> headers = Gen.combine(headers(optional), contentType().orNull(0.15), (sent, type) -> {
            var all = new ArrayList<>(sent);
            if (type != null) {
                all.add(type);
            }
            return List.copyOf(all);
        });
        return random -> new FuzzRequest(method.next(random), target.next(random), caller.next(random), headers.next(random),
                body.next(random));
    }

    /** Each header present one time in four, X-Correlation-Id and a raw Authorization now and then. */
    private static Gen<List<Header>> headers(Map<String, Gen<String>> optional) {
        var sent = new ArrayList<Gen<? extends Header>>();
        optional.forEach((name, value) -> sent.add(value.map(v -> new Header(name, v)).orNull(0.75)));
        sent.add(Texts.headerValue().map(v -> new Header("X-Correlation-Id", v)).orNull(0.9));
        sent.add(Gen.weighted(
                        weight(2, Gen.of("Bearer", "Bearer ", "Basic YWxpY2U6c2VjcmV0", "Bearer a.b.c", "bearer x", "Bearer ..", "Token abc")),
                        weight(1, Texts.headerValue().map(v -> "Bearer " + v)))
                .map(v -> new Header("Authorization", v)).orNull(0.93));
        return Gen.<Header>all(sent).map(Requests::present);
    }

    private static Gen<Header> contentType() {
        return Gen.weighted(
                weight(10, Gen.just("application/json")),
                weight(1, Gen.of("text/plain", "application/json; charset=utf-16", "application/json;charset=ISO-8859-1",
                        "application/cloudevents+json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                        "application/*", "", "application/json, text/plain")),
                weight(1, Texts.headerValue()))
                .map(value -> new Header("Content-Type", value));
    }

    /** A query string (with its '?') of these parameters, each absent, valid, any text or any bytes; sometimes an unknown one. */
    private static Gen<String> query(Map<String, Gen<String>> parameters) {
        var pairs = new ArrayList<Gen<? extends String>>();
        parameters.forEach((name, valid) -> pairs.add(Gen.weighted(
                        weight(3, valid.map(Texts::percentEncoded)), weight(2, Texts.encoded()))
                .map(value -> name + "=" + value).orNull(0.5)));
        pairs.add(Gen.combine(Texts.encoded(), Texts.encoded(), (name, value) -> name + "=" + value).orNull(0.9));
        return Gen.<String>all(pairs).map(present -> {
            String query = present.stream().filter(Objects::nonNull).collect(Collectors.joining("&"));
            return query.isEmpty() ? "" : "?" + query;
        });
    }

    private static Gen<String> listingId() {
        return Gen.weighted(
                weight(6, Gen.of(Fixture.listings()).map(UUID::toString)),
                weight(2, UUIDS),
                weight(2, Texts.encoded()),
                weight(1, Gen.of("not-a-uuid", "00000000-0000-0000-0000-000000000000", "%00", "..", "%2e%2e", "%2F",
                        "%7B" + Fixture.published + "%7D", Fixture.published.toString().toUpperCase(), Fixture.published + "%20",
                        Fixture.published + "/x", "%ff%fe")));
    }

    private static Gen<String> knownTypes() {
        return Gen.of("created.v1", "details-updated.v1", "price-changed.v1", "price-changed.v2", "price-changed.v3",
                "published.v1", "reserved.v1", "reserved.v2", "reservation-released.v1", "reservation-expired.v1", "sold.v1", "withdrawn.v1", "teleported.v1")
                .map(suffix -> "com.agilex.listings.listing." + suffix);
    }

    /** The value a valid request has, nine times in ten; otherwise one of the others or any header text. */
    private static Gen<String> mostly(String valid, Gen<String> others) {
        return Gen.weighted(weight(18, Gen.just(valid)), weight(1, others), weight(1, Texts.headerValue()));
    }

    private static Gen<Caller> userCaller() {
        return Gen.weighted(
                weight(6, Gen.just(Caller.SELLER)), weight(2, Gen.of(Caller.OTHER_SELLER, Caller.BUYER)),
                weight(1, Gen.of(Caller.ADMIN, Caller.ANONYMOUS, Caller.EXPIRED, Caller.OTHER_ISSUER, Caller.OTHER_AUDIENCE,
                        Caller.ALG_NONE, Caller.NO_SUBJECT)));
    }

    private static Gen<Caller> anyCaller() {
        return Gen.weighted(weight(3, Gen.just(Caller.ANONYMOUS)), weight(3, Gen.of(Caller.values())));
    }

    private static <T> Gen<T> optional(Gen<T> body) {
        return Gen.weighted(weight(3, body), weight(1, Gen.<T>just(null)));
    }

    private static List<Header> present(List<Header> headers) {
        return headers.stream().filter(Objects::nonNull).toList();
    }
}
