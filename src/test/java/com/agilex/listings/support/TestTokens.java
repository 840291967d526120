package com.agilex.listings.support;

import io.smallrye.jwt.build.Jwt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** Bearer tokens for tests, signed like bin/dev-token with the dev-only key pair. */
public final class TestTokens {

    public static final String ISSUER = "listings-dev";
    private static final PrivateKey DEV_KEY = readPem(Path.of("dev/jwt-private.pem"));

    private TestTokens() {
    }

    public static String token(String subject, String... roles) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(roles))
                .expiresAt(Instant.now().plusSeconds(600))
                .sign(DEV_KEY);
    }

    public static String expiredToken(String subject) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject)
                .issuedAt(Instant.now().minusSeconds(7_200))
                .expiresAt(Instant.now().minusSeconds(3_600))
                .sign(DEV_KEY);
    }

    public static String tokenFromAnotherIssuer(String subject) {
        return Jwt.issuer("https://someone-else.example").subject(subject).upn(subject)
                .expiresAt(Instant.now().plusSeconds(600))
                .sign(DEV_KEY);
    }

    /** Well formed and unexpired, but signed by a key the service does not trust. */
    public static String tokenSignedByAnotherKey(String subject) throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Jwt.issuer(ISSUER).subject(subject).upn(subject)
                .expiresAt(Instant.now().plusSeconds(600))
                .sign(generator.generateKeyPair().getPrivate());
    }

    private static PrivateKey readPem(Path path) {
        try {
            String base64 = Files.readString(path)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the dev signing key " + path.toAbsolutePath(), e);
        }
    }
}
