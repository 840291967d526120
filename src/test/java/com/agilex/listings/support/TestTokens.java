package com.agilex.listings.support;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Bearer tokens for tests, signed like bin/dev-token with the dev-only key pair. */
public final class TestTokens {

    public static final String ISSUER = "listings-dev";
    /** The audience the dev and test profiles expect (mp.jwt.verify.audiences). */
    public static final String AUDIENCE = "listings";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final PrivateKey DEV_KEY = readPem(Path.of("dev/jwt-private.pem"));

    private TestTokens() {
    }

    public static String token(String subject, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(roles))
                .expiresAt(Instant.now().plusSeconds(600))
                .sign(DEV_KEY);
    }

    public static String expiredToken(String subject) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject)
                .issuedAt(Instant.now().minusSeconds(7_200))
                .expiresAt(Instant.now().minusSeconds(3_600))
                .sign(DEV_KEY);
    }

    public static String tokenFromAnotherIssuer(String subject) {
        return Jwt.issuer("https://someone-else.example").audience(AUDIENCE).subject(subject).upn(subject)
                .expiresAt(Instant.now().plusSeconds(600))
                .sign(DEV_KEY);
    }

    /** Well formed and unexpired, but signed by a key the service does not trust. */
    public static String tokenSignedByAnotherKey(String subject) throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject)
                .expiresAt(Instant.now().plusSeconds(600))
                .sign(generator.generateKeyPair().getPrivate());
    }

    /** Ours in every way but the audience: made for another service of the same provider. */
    public static String tokenForAnotherAudience(String subject) {
        return Jwt.issuer(ISSUER).audience("another-service").subject(subject).upn(subject)
                .expiresAt(Instant.now().plusSeconds(600))
                .sign(DEV_KEY);
    }

    /** Signed by the trusted key, but naming nobody: no subject, hence no seller. */
    public static String tokenWithoutSubject() {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).claim("scope", "listings")
                .expiresAt(Instant.now().plusSeconds(600))
                .sign(DEV_KEY);
    }

    /** {@code alg: none}: the claims of a good token, with no signature at all. */
    public static String unsignedToken(String subject) {
        return compact("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims(subject)) + ".";
    }

    /**
     * HS256 with the service's public key as the HMAC secret: the key-confusion attack on a
     * verifier that takes the algorithm from the token.
     */
    public static String hs256SignedWithThePublicKey(String subject) throws Exception {
        String unsigned = compact("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims(subject));
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Files.readAllBytes(Path.of("dev/jwt-public.pem")), "HmacSHA256"));
        return unsigned + "." + BASE64URL.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String claims(String subject) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"groups\":[\"admin\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
    }

    private static String compact(String header, String claims) {
        return BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
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
