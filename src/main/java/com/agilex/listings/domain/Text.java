package com.agilex.listings.domain;

import java.util.Locale;

/**
 * Whether a text can be stored and shown as it is. PostgreSQL's text and jsonb cannot hold NUL;
 * other control characters (but tab, line feed and carriage return) corrupt logs and displays;
 * a lone half of a surrogate pair is not a character at all, and would be stored as "?".
 */
public final class Text {

    private Text() {
    }

    /** Why {@code value} cannot be stored as it is, as a field error's message; null when it can. */
    public static String problem(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return "must not contain control characters (" + codePoint(c) + " at position " + i + ")";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate (" + codePoint(c) + " at position " + i + ")";
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }
}
