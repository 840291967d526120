package com.agilex.listings.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One generated request. {@code target} is the path and query, already percent-encoded;
 * {@code headers} are sent as they are, after the caller's Authorization (a raw Authorization
 * among them replaces it); a null body sends none.
 */
record FuzzRequest(String method, String target, Caller caller, List<Header> headers, byte[] body) {

    record Header(String name, String value) {
        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    /** Shown for a falsified try: the body as text with every non-printable character escaped. */
    @Override
    public String toString() {
        String shownBody = body == null ? "(no body)" : escaped(new String(body, StandardCharsets.UTF_8));
        return method + " " + target + " as " + caller + "\n  "
                + headers.stream().map(Header::toString).collect(Collectors.joining("\n  ")) + "\n  " + shownBody;
    }

    private static String escaped(String text) {
        var shown = new StringBuilder();
        text.codePoints().limit(2_000).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.getType(c) == Character.SURROGATE || c == 0xfffd) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return text.length() > 2_000 ? shown + "… (" + text.length() + " characters)" : shown.toString();
    }
}
