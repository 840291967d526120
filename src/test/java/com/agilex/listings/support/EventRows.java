package com.agilex.listings.support;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the events table over JDBC, to check what the service really stored. */
public final class EventRows {

    public record Row(long version, String type, String correlationId, String causationId, String actor) {
    }

    private EventRows() {
    }

    public static List<Row> of(DataSource db, UUID streamId) {
        String sql = """
                SELECT version, event_type, metadata->>'correlationId', metadata->>'causationId', metadata->>'actor'
                FROM events WHERE stream_id = ? ORDER BY global_position""";
        try (var connection = db.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setObject(1, streamId);
            var rows = new ArrayList<Row>();
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getString(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
