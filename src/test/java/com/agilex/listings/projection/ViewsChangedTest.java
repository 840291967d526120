package com.agilex.listings.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The announcement's payload: what the projector writes, the query side reads back. */
class ViewsChangedTest {

    @Test
    void every_view_is_announced_with_its_version_in_payloads_postgresql_accepts() {
        var versions = new LinkedHashMap<UUID, Long>();
        for (long i = 1; i <= 300; i++) {
            versions.put(UUID.randomUUID(), Long.MAX_VALUE - i);
        }
        List<String> payloads = ViewsChanged.payloads(versions);
        // NOTIFY refuses a payload of 8,000 bytes or more.
        assertThat(payloads).allSatisfy(payload -> assertThat(payload.length()).isLessThan(8000));
        var read = new LinkedHashMap<UUID, Long>();
        payloads.forEach(payload -> ViewsChanged.parse(payload).forEach(change -> read.put(change.id(), change.version())));
        assertThat(read).containsExactlyEntriesOf(versions);
    }

    @Test
    void an_id_without_a_version_reads_as_version_zero_and_garbage_is_refused() {
        UUID id = UUID.randomUUID();
        assertThat(ViewsChanged.parse(id.toString())).containsExactly(new ViewsChanged.Change(id, 0));
        assertThatThrownBy(() -> ViewsChanged.parse("nonsense")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ViewsChanged.parse(id + ":x")).isInstanceOf(IllegalArgumentException.class);
    }
}
