package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** The verified-token cache (VerifiedTokens, behind VerifiedTokenCache) asks the real verifier once per token, and never trusts a token longer than it may. */
class VerifiedTokensTest {

    /** The verifier behind the cache: counts its calls, accepts tokens named "good-*" expiring at the given time. */
    static final class Verifier {
        final List<String> verified = new ArrayList<>();
        Instant expiry = Instant.now().plusSeconds(600);

        JsonWebToken verify(String token) throws ParseException {
            verified.add(token);
            if (!token.startsWith("good-")) {
                throw new ParseException("bad signature");
            }
            var claims = new JwtClaims();
            claims.setSubject(token);
            claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(expiry.getEpochSecond()));
            return new DefaultJWTCallerPrincipal(claims);
        }
    }

    /** The cache in front of {@code verifier}. */
    record Cache(VerifiedTokens tokens, Verifier verifier) {
        JsonWebToken parse(String token) throws ParseException {
            return tokens.get(token, verifier::verify);
        }
    }

    static Cache cache(Verifier verifier, int maxSize, Duration maxAge) {
        return new Cache(new VerifiedTokens(new TokenCacheConfig() {
            @Override
            public int maxSize() {
                return maxSize;
            }

            @Override
            public Duration maxAge() {
                return maxAge;
            }
        }), verifier);
    }

    @Test
    void a_token_is_verified_once_and_then_answered_from_the_cache() throws Exception {
        var verifier = new Verifier();
        var cache = cache(verifier, 100, Duration.ofMinutes(5));

        JsonWebToken first = cache.parse("good-alice");
        JsonWebToken second = cache.parse("good-alice");

        assertThat(second).isSameAs(first);
        assertThat(verifier.verified).containsExactly("good-alice");
    }

    @Test
    void a_rejected_token_is_checked_again_every_time() {
        var verifier = new Verifier();
        var cache = cache(verifier, 100, Duration.ofMinutes(5));

        assertThatThrownBy(() -> cache.parse("forged")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.parse("forged")).isInstanceOf(ParseException.class);

        assertThat(verifier.verified).containsExactly("forged", "forged");
    }

    @Test
    void a_token_past_its_expiry_or_the_max_age_is_verified_again() throws Exception {
        var expiring = new Verifier();
        expiring.expiry = Instant.now().minusSeconds(1);
        var cache = cache(expiring, 100, Duration.ofMinutes(5));
        cache.parse("good-expired");
        cache.parse("good-expired");
        assertThat(expiring.verified).as("a token whose expiry has passed is never served from the cache").hasSize(2);

        var verifier = new Verifier();
        var noAge = cache(verifier, 100, Duration.ZERO);
        noAge.parse("good-bob");
        noAge.parse("good-bob");
        assertThat(verifier.verified).as("max-age 0 trusts nothing twice").hasSize(2);
    }

    @Test
    void the_cache_never_holds_more_than_its_size_and_size_0_turns_it_off() throws Exception {
        var verifier = new Verifier();
        var cache = cache(verifier, 2, Duration.ofMinutes(5));
        cache.parse("good-1");
        cache.parse("good-2");
        cache.parse("good-3");
        cache.parse("good-3");
        assertThat(verifier.verified).as("the third token is cached after the full cache was emptied")
                .containsExactly("good-1", "good-2", "good-3");
        cache.parse("good-1");
        assertThat(verifier.verified).as("an evicted token is verified again").hasSize(4);

        var off = new Verifier();
        var none = cache(off, 0, Duration.ofMinutes(5));
        none.parse("good-1");
        none.parse("good-1");
        assertThat(off.verified).hasSize(2);
    }
}
