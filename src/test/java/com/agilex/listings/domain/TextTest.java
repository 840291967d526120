package com.agilex.listings.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What text can be stored and shown as it is. */
class TextTest {

    @Test
    void control_characters_but_the_usual_whitespace_are_refused_with_where_they_are() {
        assertThat(Text.problem("a\u0000b")).isEqualTo("must not contain control characters (U+0000 at position 1)");
        assertThat(Text.problem("\u001b[31mred")).contains("U+001B");
        assertThat(Text.problem("del\u007f")).contains("U+007F");
        assertThat(Text.problem("tab\tline\nreturn\r")).isNull();
    }

    @Test
    void a_surrogate_pair_is_a_character_and_a_lone_half_is_refused() {
        assertThat(Text.problem("lamp \ud83d\udca1")).isNull();
        assertThat(Text.problem("half \ud83d")).contains("unpaired surrogate").contains("U+D83D");
        assertThat(Text.problem("\udca1 first")).contains("U+DCA1 at position 0");
        assertThat(Text.problem("\ud83d\ud83d\udca1")).as("a high half followed by a pair").contains("position 0");
    }

    @Test
    void nothing_and_plain_text_are_fine() {
        assertThat(Text.problem(null)).isNull();
        assertThat(Text.problem("")).isNull();
        assertThat(Text.problem("Vélo de route, 54 cm — très bon état")).isNull();
    }
}
