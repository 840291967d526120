package com.agilex.listings.fuzz;

import com.agilex.listings.support.TestTokens;
import java.util.function.Supplier;

/**
 * Who a request says it comes from: its Authorization header, signed when the request is sent
 * (a long run outlives any one token). The fixture's listings belong to the seller.
 */
enum Caller {
    ANONYMOUS(() -> null),
    SELLER(() -> TestTokens.token(Fixture.SELLER)),
    OTHER_SELLER(() -> TestTokens.token("bob")),
    BUYER(() -> TestTokens.token(Fixture.BUYER)),
    ADMIN(() -> TestTokens.token("root", "admin")),
    EXPIRED(() -> TestTokens.expiredToken(Fixture.SELLER)),
    OTHER_ISSUER(() -> TestTokens.tokenFromAnotherIssuer(Fixture.SELLER)),
    OTHER_AUDIENCE(() -> TestTokens.tokenForAnotherAudience(Fixture.SELLER)),
    ALG_NONE(() -> TestTokens.unsignedToken(Fixture.SELLER)),
    NO_SUBJECT(TestTokens::tokenWithoutSubject),
    EVENT_SOURCE(() -> FuzzedService.EVENTS_SECRET);

    private final Supplier<String> token;

    Caller(Supplier<String> token) {
        this.token = token;
    }

    /** The Authorization header's value, or null for none. */
    String authorization() {
        String bearer = token.get();
        return bearer == null ? null : "Bearer " + bearer;
    }
}
