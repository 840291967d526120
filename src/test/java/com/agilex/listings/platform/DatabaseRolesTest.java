package com.agilex.listings.platform;

import static com.agilex.listings.support.Api.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.agilex.listings.support.DatabaseLogins;
import com.agilex.listings.support.EventRows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Least privilege in PostgreSQL (deploy/database/roles.sql, V10): each part of the service logs
 * in as a role that can do its work and no more, and the database, not the code, refuses the
 * rest. Here every statement is tried as that role and refused with 42501 (permission denied).
 */
@QuarkusTest
class DatabaseRolesTest {

    @Inject
    AgroalDataSource db;

    @Inject
    Pool events;

    @Inject
    @ReactiveDataSource("read")
    Pool reads;

    static final String INSERT_EVENT = """
            INSERT INTO events (stream_id, version, event_id, event_type, schema_version, data, metadata)
            VALUES (gen_random_uuid(), 1, gen_random_uuid(), 'ListingPublished', 1, '{}', '{}')""";

    void refused(String login, String sql) throws SQLException {
        SQLException refusal = DatabaseLogins.refusal(db, login, sql);
        assertThat((Throwable) refusal).as(login + ": " + sql + " is refused").isNotNull();
        assertThat(refusal.getSQLState()).as(login + ": " + sql).isEqualTo("42501");
    }

    @Test
    void the_query_side_cannot_write_anything() throws SQLException {
        for (String sql : new String[] {
                "INSERT INTO listing_view (id) VALUES (gen_random_uuid())",
                "UPDATE listing_view SET title = 'defaced'",
                "DELETE FROM seller_revenue",
                INSERT_EVENT,
                "DELETE FROM events",
                "UPDATE snapshots SET state = '{}'",
                "DELETE FROM idempotency_keys",
                "CREATE TABLE planted (x int)"}) {
            refused(DatabaseLogins.READER, sql);
        }
    }

    @Test
    void the_write_side_cannot_rewrite_history_nor_touch_the_read_model() throws SQLException {
        UUID id = create("roles-seller");
        var before = EventRows.of(db, id);

        for (String sql : new String[] {
                "UPDATE events SET data = '{\"title\": \"rewritten\"}' WHERE stream_id = '" + id + "'",
                "DELETE FROM events WHERE stream_id = '" + id + "'",
                "TRUNCATE events",
                "UPDATE listing_view SET title = 'defaced'",
                "DELETE FROM parked_listings",
                "CREATE TABLE planted (x int)"}) {
            refused(DatabaseLogins.WRITER, sql);
        }
        assertThat(EventRows.of(db, id)).isEqualTo(before);
    }

    @Test
    void the_projector_reads_the_log_and_cannot_write_it_nor_the_write_sides_rows() throws SQLException {
        for (String sql : new String[] {
                INSERT_EVENT,
                "UPDATE events SET data = '{}'",
                "DELETE FROM events",
                "DELETE FROM idempotency_keys",
                "DELETE FROM reservation_holds",
                "UPDATE reader_checkpoints SET global_position = 0"}) {
            refused(DatabaseLogins.PROJECTOR, sql);
        }
    }

    @Test
    void the_service_pools_log_in_as_those_roles_and_only_flyway_as_the_owner() {
        // LISTINGS_ROLE=all (the tests' process) runs as listings_all: writer, projector and reader together.
        assertThat(events.query("SELECT current_user").execute().await().indefinitely().iterator().next().getString(0))
                .isEqualTo("listings_all");
        assertThat(reads.query("SELECT current_user").execute().await().indefinitely().iterator().next().getString(0))
                .isEqualTo(DatabaseLogins.READER);
        assertThat(events.query("SELECT pg_has_role('listings_all', 'listings', 'MEMBER')").execute().await().indefinitely()
                .iterator().next().getBoolean(0)).as("the service is not the owner").isFalse();
    }
}
