package com.agilex.listings.platform;

import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens that passed the full check, by their exact text, each trusted until it expires or
 * for {@code listings.auth.verified-tokens.max-age}, whichever comes first. Only verified tokens
 * are kept, so a flood of forged ones cannot fill it; at {@code max-size} it drops what has
 * expired, then everything if still full. Used by {@link VerifiedTokenCache}.
 */
@Singleton
public class VerifiedTokens {

    /** The full check of a token: signature, issuer, expiry (smallrye-jwt's parser). */
    @FunctionalInterface
    public interface Verification {
        JsonWebToken verify(String bearerToken) throws ParseException;
    }

    private record Verified(JsonWebToken token, long trustedUntilMillis) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final TokenCacheConfig config;

    public VerifiedTokens(TokenCacheConfig config) {
        this.config = config;
    }

    /** The token as verified before, or as {@code verification} finds it now. */
    public JsonWebToken get(String bearerToken, Verification verification) throws ParseException {
        long now = System.currentTimeMillis();
        Verified known = verified.get(bearerToken);
        if (known != null && now < known.trustedUntilMillis()) {
            return known.token();
        }
        JsonWebToken token = verification.verify(bearerToken);
        if (config.maxSize() > 0) {
            remember(bearerToken, token, now);
        }
        return token;
    }

    private void remember(String bearerToken, JsonWebToken token, long now) {
        long trustedUntil = Math.min(token.getExpirationTime() * 1000, now + config.maxAge().toMillis());
        if (trustedUntil <= now) {
            return;
        }
        if (verified.size() >= config.maxSize()) {
            verified.values().removeIf(entry -> entry.trustedUntilMillis() <= now);
            if (verified.size() >= config.maxSize()) {
                verified.clear();
            }
        }
        verified.put(bearerToken, new Verified(token, trustedUntil));
    }
}
