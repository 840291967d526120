package com.agilex.listings.fuzz;

import static com.agilex.listings.fuzz.Gen.weight;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JSON documents as text, written by hand so that they can be what no serializer writes: a key
 * twice, a lone surrogate, a number no type holds, nesting past every limit, bytes that are not UTF-8.
 */
final class Json {

    /** A member of an object: its name and the JSON text of the values a valid request gives it. */
    record Field(String name, Gen<String> valid) {
    }

    private static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "0.5", "12.00", "1e400", "-1e400", "1E-400",
            "1e-7", "123456789012345678901234567890123", "9223372036854775808", "-9223372036854775809",
            "1.0000000000000000000001", "1" + "0".repeat(45));
    /** Not JSON, though some parsers take them. */
    private static final List<String> NOT_JSON = List.of("NaN", "Infinity", "-Infinity", "01", "+1", ".5", "0x10", "'a'",
            "undefined", "\"a", "tru", "[1,]", "{\"a\":1,}", "// c\n1", "\"\\x41\"", "\"\\u12\"");

    private static final Gen<String> STRING = Texts.text().map(Json::quoted);
    private static final Gen<String> NUMBER = Gen.weighted(
            weight(3, Gen.of(NUMBERS)),
            weight(2, Gen.longs().map(String::valueOf)),
            weight(2, Gen.combine(Gen.longs(), Gen.ints(-3, 8), (unscaled, scale) -> BigDecimal.valueOf(unscaled, scale).toPlainString())));

    private Json() {
    }

    static Gen<String> string() {
        return STRING;
    }

    static Gen<String> number() {
        return NUMBER;
    }

    /** Any JSON value, arrays and objects at most {@code depth} deep. */
    static Gen<String> value(int depth) {
        Gen<String> scalar = Gen.weighted(weight(3, STRING), weight(2, NUMBER), weight(1, Gen.of("true", "false", "null")));
        if (depth == 0) {
            return scalar;
        }
        Gen<String> inner = value(depth - 1);
        Gen<String> array = inner.list(0, 3).map(items -> "[" + String.join(",", items) + "]");
        Gen<String> object = Gen.combine(STRING, inner, (name, value) -> name + ":" + value)
                .list(0, 3).map(members -> "{" + String.join(",", members) + "}");
        return Gen.weighted(weight(4, scalar), weight(1, array), weight(1, object));
    }

    /**
     * An object with these fields, each mostly valid, sometimes of any text, number or JSON,
     * missing, or given twice; sometimes with a field nobody asked for.
     */
    static Gen<String> object(Field... fields) {
        var members = new ArrayList<Gen<? extends String>>();
        for (Field field : fields) {
            Gen<String> value = Gen.weighted(weight(8, field.valid()), weight(2, STRING), weight(1, NUMBER), weight(1, value(2)));
            members.add(Gen.weighted(
                    weight(14, value.map(v -> member(field.name(), v))),
                    weight(2, Gen.just("")),
                    weight(1, value.list(2, 2).map(twice -> member(field.name(), twice.get(0)) + "," + member(field.name(), twice.get(1))))));
        }
        members.add(Gen.weighted(weight(10, Gen.just("")), weight(1, Gen.combine(STRING, value(1), (name, value) -> name + ":" + value))));
        return Gen.<String>all(members).map(parts ->
                "{" + parts.stream().filter(part -> !part.isEmpty()).collect(Collectors.joining(",")) + "}");
    }

    /**
     * A body made from a document: mostly the document, else cut short, nested past every limit,
     * with bytes that are not UTF-8, another JSON value, no JSON at all, noise or nothing.
     */
    static Gen<byte[]> body(Gen<String> document) {
        return Gen.weighted(
                weight(14, document.map(Json::utf8)),
                weight(1, Gen.combine(document, Gen.ints(0, 120), (text, cut) -> utf8(text.substring(0, Math.min(cut, text.length()))))),
                weight(1, Gen.combine(Gen.of(17, 1_000, 40_000), Gen.of("[", "{\"title\":"), Json::nested)),
                weight(1, random -> withInvalidBytes(document.next(random), Gen.of(0xc0, 0x80, 0xff, 0xed, 0xa0, 0xf8).list(1, 3).next(random),
                        random.nextInt(0, 60))),
                weight(1, value(2).map(Json::utf8)),
                weight(1, Gen.of(NOT_JSON).map(Json::utf8)),
                weight(1, Gen.ints(0, 255).list(0, 48).map(Json::bytes)),
                weight(1, Gen.just(new byte[0])));
    }

    /** A JSON string literal: control characters and every surrogate escaped, so lone ones travel too. */
    static String quoted(String text) {
        var json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String member(String name, String value) {
        return quoted(name) + ":" + value;
    }

    private static byte[] nested(int depth, String opening) {
        String closing = opening.equals("[") ? "]" : "}";
        return utf8(opening.repeat(depth) + "1" + closing.repeat(depth));
    }

    private static byte[] withInvalidBytes(String text, List<Integer> inserted, int at) {
        byte[] valid = utf8(text);
        int position = Math.min(at, valid.length);
        byte[] body = new byte[valid.length + inserted.size()];
        System.arraycopy(valid, 0, body, 0, position);
        for (int i = 0; i < inserted.size(); i++) {
            body[position + i] = inserted.get(i).byteValue();
        }
        System.arraycopy(valid, position, body, position + inserted.size(), valid.length - position);
        return body;
    }

    private static byte[] bytes(List<Integer> values) {
        byte[] bytes = new byte[values.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = values.get(i).byteValue();
        }
        return bytes;
    }
}
