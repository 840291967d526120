package com.agilex.listings.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Loads and saves readers' checkpoints (table reader_checkpoints): how far each reader of the global order has got. */
@ApplicationScoped
public class ReaderCheckpoints {

    private static final String LOAD = "SELECT tx_id, global_position FROM reader_checkpoints WHERE reader = $1";

    private static final String SAVE = """
            INSERT INTO reader_checkpoints (reader, tx_id, global_position, updated_at) VALUES ($1, $2, $3, now())
            ON CONFLICT (reader) DO UPDATE SET
                tx_id = EXCLUDED.tx_id, global_position = EXCLUDED.global_position, updated_at = EXCLUDED.updated_at""";

    private final Pool pool;

    public ReaderCheckpoints(Pool pool) {
        this.pool = pool;
    }

    /** The reader's checkpoint, or {@link GlobalPosition#START} for a reader never seen. */
    public Uni<GlobalPosition> load(String reader) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(reader)).map(rows -> {
            var found = rows.iterator();
            if (!found.hasNext()) {
                return GlobalPosition.START;
            }
            Row row = found.next();
            return new GlobalPosition(row.getLong(0), row.getLong(1));
        });
    }

    public Uni<Void> save(String reader, GlobalPosition position) {
        return save(pool, reader, position);
    }

    /** Saves through {@code client}: the pool, or a connection in the transaction of the reader's work. */
    public Uni<Void> save(SqlClient client, String reader, GlobalPosition position) {
        return client.preparedQuery(SAVE).execute(Tuple.of(reader, position.txId(), position.position())).replaceWithVoid();
    }
}
