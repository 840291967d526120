package com.agilex.listings.eventstore;

import static com.agilex.listings.support.Api.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.agilex.listings.support.DatabaseLogins;
import com.agilex.listings.support.EventRows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The event log is append-only in the database (V8), not only in the code: even connected as
 * the table's owner, an UPDATE, DELETE or TRUNCATE of events is refused by PostgreSQL, and the
 * events stay as they were. (The service's own logins may not even try: DatabaseRolesTest.)
 */
@QuarkusTest
class AppendOnlyLogTest {

    @Inject
    AgroalDataSource db;

    @Test
    void the_database_refuses_to_rewrite_delete_or_truncate_the_event_log() throws SQLException {
        UUID id = create("append-only-seller");
        var before = EventRows.of(db, id);

        for (String sql : new String[] {
                "UPDATE events SET data = '{\"title\": \"rewritten\"}' WHERE stream_id = '" + id + "'",
                "DELETE FROM events WHERE stream_id = '" + id + "'",
                "TRUNCATE events"}) {
            SQLException refusal = DatabaseLogins.refusal(db, DatabaseLogins.OWNER, sql);
            assertThat((Throwable) refusal).as(sql + " is refused").isNotNull();
            assertThat(refusal.getSQLState()).as(sql).isEqualTo("42501");
            assertThat(refusal.getMessage()).contains("append-only");
        }

        assertThat(EventRows.of(db, id)).isEqualTo(before).hasSize(1);
    }
}
