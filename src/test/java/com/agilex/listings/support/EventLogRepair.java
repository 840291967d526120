package com.agilex.listings.support;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A deliberate change to stored events, as an owner's repair is done (V8: the log is append-only
 * in the database; V10: only the owner may even try): as the owner, with the guard off only
 * inside the transaction that makes the change. For tests that must plant or correct a record
 * the service would never write. {@code db} names the database.
 */
public final class EventLogRepair {

    private EventLogRepair() {
    }

    public static void run(DataSource db, String sql) throws SQLException {
        try (Connection connection = DatabaseLogins.as(db, DatabaseLogins.OWNER)) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("ALTER TABLE events DISABLE TRIGGER events_append_only");
                statement.execute(sql);
                statement.execute("ALTER TABLE events ENABLE TRIGGER events_append_only");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
