package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.agilex.listings.support.Api;
import com.agilex.listings.support.EventRows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The pools' statement timeout (listings.datasource.statement-timeout, 5 s): a command whose
 * statement waits past it is cancelled by PostgreSQL and answered 503, and wrote nothing.
 */
@QuarkusTest
class StatementTimeoutTest {

    @Inject
    AgroalDataSource db;

    @Test
    void a_command_stuck_behind_a_lock_is_cancelled_answered_503_and_writes_nothing() throws Exception {
        UUID id = Api.create("alice");
        var price = Map.of("amount", "12.00", "currency", "EUR");
        try (Connection holder = db.getConnection()) {
            // Another transaction writes version 2 of the stream and stays open: the command's
            // own version 2 must wait for it to end, longer than the statement timeout.
            holder.setAutoCommit(false);
            try (var insert = holder.prepareStatement("""
                    INSERT INTO events (stream_id, version, event_id, event_type, schema_version, data, metadata)
                    VALUES (?, 2, ?, 'ListingWithdrawn', 1, '{}', '{}')""")) {
                insert.setObject(1, id);
                insert.setObject(2, UUID.randomUUID());
                insert.executeUpdate();
            }

            Api.as("alice").body(price).post("/listings/" + id + "/price")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("type", equalTo(Problem.TYPE_PREFIX + "database-timeout"));

            holder.rollback();
        }
        assertThat(EventRows.of(db, id)).extracting(EventRows.Row::version).containsExactly(1L);

        // Nothing of it stayed behind: the same command goes through once the lock is gone.
        Api.as("alice").body(price).post("/listings/" + id + "/price").then().statusCode(200).body("version", equalTo(2));
        assertThat(EventRows.of(db, id)).extracting(EventRows.Row::type).containsExactly("ListingCreated", "ListingPriceChanged");
    }
}
