package com.agilex.listings.platform;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies each bearer token once. A client sends the same token with every request until it
 * expires; checking its RSA signature and parsing its JSON again each time was the largest single
 * cost of a command after the database (bench/README). smallrye-jwt parses every request's token
 * through its {@link JWTParser}; this decorator answers a token it has verified from
 * {@link VerifiedTokens}. The other methods (explicit keys, decryption) pass through.
 */
@Decorator
@Priority(10)
public abstract class VerifiedTokenCache implements JWTParser {

    @Inject
    @Delegate
    @Any
    JWTParser parser;

    @Inject
    VerifiedTokens verified;

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        return verified.get(bearerToken, parser::parse);
    }
}
