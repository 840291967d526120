package com.agilex.listings.fuzz;

import static com.agilex.listings.fuzz.Gen.weight;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Text as an attacker types it: every plane, control and format characters, lone surrogates, lengths past every limit. */
final class Texts {

    /** C0 and C1 controls, invisible and direction-changing format characters, noncharacters, lone surrogates. */
    private static final String TROUBLE = "\u0000\u0001\u0007\b\t\n\u000b\f\r\u001b\u001f\u007f\u0085\u009f\u00a0\u00ad"
            + "\u200b\u200e\u202e\u2028\u2029\ufeff\ufffd\ufffe\uffff\ud800\udbff\udc00\udfff";
    private static final List<String> SPECIAL = List.of("", " ", "\t\n", "null", "true", "0", "-1", "NaN", "1e400",
            "<script>alert(1)</script>", "' OR '1'='1", "'; DROP TABLE events; --", "../../etc/passwd", "%00", "%2F",
            "${jndi:ldap://x/a}", "#{7*7}", "\\", "\"", "{}", "[]", "home-garden", "EUR", "Ünïcödé", "👍🏽", "\u202egnp.exe",
            "e\u0301", "ﷺ", "A".repeat(121), "a".repeat(41), "x".repeat(256));
    private static final Gen<String> PLAIN = Gen.string(Gen.weighted(weight(9, Gen.charRange('a', 'z')),
            weight(2, Gen.charRange('0', '9')), weight(1, Gen.chars(" -_.A"))), 0, 24);

    private static final Gen<String> TEXT = Gen.weighted(
            weight(4, PLAIN),
            // Any UTF-16 unit: unpaired surrogates and noncharacters among them.
            weight(3, Gen.string(Gen.charRange('\u0000', '\uffff'), 0, 12)),
            weight(3, random -> PLAIN.next(random) + Gen.chars(TROUBLE).next(random) + PLAIN.next(random)),
            weight(2, Gen.ints(0x10000, 0x10FFFF).list(1, 4).map(Texts::fromCodePoints)),
            weight(2, Gen.of(SPECIAL)),
            weight(1, Gen.string(Gen.chars("aé€ \u00e0"), 100, 6_000)));

    private static final Gen<String> HEADER_VALUE = Gen.weighted(
            weight(4, Gen.string(Gen.charRange('!', '~'), 0, 40)),
            weight(1, Gen.string(Gen.charRange('\u0080', '\u00ff'), 1, 10)),
            weight(1, Gen.string(Gen.chars(" \t"), 0, 3)),
            weight(1, Gen.string(Gen.charRange('!', '~'), 256, 6_000)));

    private static final Gen<String> ENCODED = Gen.weighted(
            weight(4, TEXT.map(Texts::percentEncoded)),
            weight(1, Gen.ints(0, 255).list(1, 12).map(Texts::percentEncodedBytes)));

    private Texts() {
    }

    static Gen<String> text() {
        return TEXT;
    }

    /** A header value HTTP allows (visible ASCII, obs-text, spaces and tabs), sometimes long. */
    static Gen<String> headerValue() {
        return HEADER_VALUE;
    }

    /** A path segment or query value: any text percent-encoded as UTF-8, or any bytes, UTF-8 or not. */
    static Gen<String> encoded() {
        return ENCODED;
    }

    /** Percent-encodes every byte of the UTF-8 form but the unreserved characters (an unpaired surrogate becomes '?'). */
    static String percentEncoded(String text) {
        var encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", (int) c));
            }
        }
        return encoded.toString();
    }

    private static String percentEncodedBytes(List<Integer> bytes) {
        var encoded = new StringBuilder();
        bytes.forEach(b -> encoded.append('%').append(String.format("%02X", b)));
        return encoded.toString();
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        var text = new StringBuilder();
        codePoints.forEach(text::appendCodePoint);
        return text.toString();
    }
}
