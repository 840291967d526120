package com.agilex.listings.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * The event store: an append-only table of events in PostgreSQL (see V1__event_store.sql).
 * Every statement it runs is in this class, so the guarantees can be checked by eye. It talks to
 * PostgreSQL through the reactive SQL client only.
 * <ul>
 *   <li>append extends a stream only from the expected version, in one statement that is its own
 *       transaction (one round trip); the unique (stream_id, version) index settles races, so
 *       versions are 1..N with no gap and no duplicate;</li>
 *   <li>an append repeated with the same event ids writes nothing the second time;</li>
 *   <li>{@link #readAll} returns committed events in (tx_id, position) order and never skips
 *       one that commits late (see the comment on {@link #READ_ALL}).</li>
 * </ul>
 */
@ApplicationScoped
public class EventStore {

    /**
     * The columns of an event row aliased e, in the order {@link #toEvent} reads them. The
     * metadata's fields are taken out by PostgreSQL (jsonb is stored parsed), which is cheaper
     * than sending the JSON as text and parsing it again here: a rebuild reads millions.
     */
    private static final String COLUMNS = """
            e.global_position, CAST(CAST(e.tx_id AS text) AS bigint), e.stream_id, e.version, e.event_id,
            e.event_type, e.schema_version, CAST(e.data AS text), e.recorded_at, e.metadata ->> 'correlationId',
            e.metadata ->> 'causationId', e.metadata ->> 'actor', e.metadata ->> 'traceparent'
            """;

    /**
     * Appends a batch of events (one array per column, any number of events) as versions
     * expected+1, expected+2...; inserts nothing when the stream is not at the expected version.
     * One statement, so it needs no explicit transaction: its insert is its transaction's first
     * write, as the gap-safe order needs, and the client answers only after the commit
     * (ReadyForQuery). Two appends racing from the same version both pass the check; the unique
     * (stream_id, version) index fails the second.
     */
    private static final String APPEND = """
            INSERT INTO events (stream_id, version, event_id, event_type, schema_version, data, metadata)
            SELECT $1, $2 + appended.n, appended.event_id, appended.event_type, appended.schema_version,
                   CAST(appended.data AS jsonb), CAST(appended.metadata AS jsonb)
            FROM unnest(CAST($3 AS uuid[]), CAST($4 AS text[]), CAST($5 AS integer[]), CAST($6 AS text[]),
                        CAST($7 AS text[])) WITH ORDINALITY AS appended(event_id, event_type, schema_version, data, metadata, n)
            WHERE (SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = $1) = $2
            ORDER BY appended.n""";

    /**
     * A stream's newest snapshot of a shape (its columns null when there is none) and the events
     * after it, in one round trip: one row per event, or one row when there is none. The state
     * comes on the first row only.
     */
    private static final String READ_FROM_SNAPSHOT = """
            SELECT s.version, CASE WHEN e.version IS NULL OR e.version = s.version + 1 THEN CAST(s.state AS text) END,
            """ + COLUMNS + """
             FROM (SELECT 1) AS one
             LEFT JOIN LATERAL (SELECT version, state FROM snapshots
                                WHERE stream_id = $1 AND shape_version = $2 ORDER BY version DESC LIMIT 1) s ON true
             LEFT JOIN LATERAL (SELECT * FROM events x WHERE x.stream_id = $1 AND x.version > COALESCE(s.version, 0)) e ON true
             ORDER BY e.version""";

    /**
     * For time travel to version $3: the newest snapshot of shape $2 at or before it, and the
     * events from the snapshot's own version (its time is the event's) to $3, at most $4 of them.
     * Without a snapshot, the events from version 1.
     */
    private static final String READ_AT = """
            SELECT s.version, CASE WHEN e.version IS NULL OR e.version = COALESCE(s.version, 1) THEN CAST(s.state AS text) END,
            """ + COLUMNS + """
             FROM (SELECT 1) AS one
             LEFT JOIN LATERAL (SELECT version, state FROM snapshots
                                WHERE stream_id = $1 AND shape_version = $2 AND version <= $3
                                ORDER BY version DESC LIMIT 1) s ON true
             LEFT JOIN LATERAL (SELECT * FROM events x WHERE x.stream_id = $1
                                AND x.version >= COALESCE(s.version, 1) AND x.version <= $3
                                ORDER BY x.version LIMIT $4) e ON true
             ORDER BY e.version""";

    private static final String VERSION_AT =
            "SELECT coalesce(max(version), 0) FROM events WHERE stream_id = $1 AND recorded_at <= $2";

    private static final String READ_STREAM = "SELECT " + COLUMNS + """
             FROM events e WHERE e.stream_id = $1 AND e.version > $2
             ORDER BY e.version
             LIMIT $3""";

    /** Events after a position of the global order, given as SQL for its transaction id and its position: a range of the (tx_id, global_position) index. */
    static String afterPosition(String txId, String position) {
        return "(tx_id, global_position) > (CAST(CAST(" + txId + " AS text) AS xid8), " + position + ")";
    }

    /**
     * Gap-safe global read. An event becomes visible only when its transaction commits, so a
     * reader that remembers "last position seen" would skip a position that commits late. Here
     * the reader only takes events whose writing transaction is older than every transaction
     * still in flight ({@code pg_snapshot_xmin}), so nothing can appear behind its checkpoint;
     * it orders and checkpoints by the pair (tx_id, position).
     *
     * <p>The page is chosen on the (tx_id, global_position) index alone and its rows fetched by
     * primary key (the OFFSET 0 keeps that lateral lookup from being turned into a join): when
     * most of the table qualifies (a rebuild from the start), the planner would otherwise scan and
     * sort the whole table for every page.
     */
    private static final String READ_ALL = "SELECT " + COLUMNS + """
             FROM (SELECT tx_id, global_position FROM events
                   WHERE """ + afterPosition("$1", "$2") + """
                     AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
                   ORDER BY tx_id, global_position
                   LIMIT $3) page
             CROSS JOIN LATERAL (SELECT * FROM events x WHERE x.global_position = page.global_position OFFSET 0) e
             ORDER BY page.tx_id, page.global_position""";

    /**
     * Every stream, one after the other, of the events written by transactions before
     * :beforeTx: for checks and rebuilds that fold whole streams.
     */
    private static final String READ_BY_STREAM = "SELECT " + COLUMNS + """
             FROM events e
             WHERE (e.stream_id, e.version) > ($1, $2)
               AND e.tx_id < CAST(CAST($3 AS text) AS xid8)
             ORDER BY e.stream_id, e.version
             LIMIT $4""";

    private static final String FIND = "SELECT " + COLUMNS + " FROM events e WHERE e.event_id = $1";

    private static final String HORIZON = "SELECT CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint)";

    private static final String FIND_BY_EVENT_IDS =
            "SELECT stream_id, version FROM events WHERE event_id = ANY(CAST($1 AS uuid[]))";

    private static final String STREAM_VERSION_KEY = "events_stream_version_key";
    private static final String EVENT_ID_KEY = "events_event_id_key";

    private final Pool pool;
    private final ObjectMapper json;

    public EventStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * Appends events to a stream in a transaction of its own. Fails with
     * {@link ConcurrencyConflict} when the stream is not at {@code expectedVersion} (0 for a new
     * stream). When every event id is already stored in this stream, returns its version with
     * {@code alreadyStored} and writes nothing.
     */
    public Uni<AppendResult> append(UUID streamId, long expectedVersion, List<NewEvent> events) {
        return append(streamId, expectedVersion, events, WithinAppend.NOTHING);
    }

    /**
     * As {@link #append(UUID, long, List)}, running {@code within} in the same transaction. With
     * nothing within, the append is a single statement; otherwise BEGIN, the append, the work
     * within, COMMIT.
     */
    public Uni<AppendResult> append(UUID streamId, long expectedVersion, List<NewEvent> events, WithinAppend within) {
        Uni<AppendResult> appended = within == WithinAppend.NOTHING
                ? append(pool, streamId, expectedVersion, events)
                : pool.withTransaction(connection -> append(connection, streamId, expectedVersion, events)
                        .call(result -> within.run(connection, result.version())));
        // A conflict may be our own earlier append, retried: then it is already stored.
        return appended
                .onFailure(failure -> failure instanceof ConcurrencyConflict || failure instanceof DuplicateEventId)
                .recoverWithUni(failure -> alreadyStored(streamId, events, failure));
    }

    /**
     * Appends through {@code client}: the pool (the statement is then its own transaction) or a
     * connection in the caller's transaction, where it must be the first write: the writer's
     * transaction id orders the global read, so a write before it could give an earlier event a
     * later id. Reads before it are fine.
     */
    public Uni<AppendResult> append(SqlClient client, UUID streamId, long expectedVersion, List<NewEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new AppendResult(expectedVersion, false));
        }
        int count = events.size();
        var eventIds = new UUID[count];
        var types = new String[count];
        var schemaVersions = new Integer[count];
        var data = new String[count];
        var metadata = new String[count];
        for (int i = 0; i < count; i++) {
            NewEvent event = events.get(i);
            eventIds[i] = event.eventId();
            types[i] = event.type();
            schemaVersions[i] = event.schemaVersion();
            data[i] = event.data();
            metadata[i] = write(event.metadata());
        }
        return client.preparedQuery(APPEND)
                .execute(Tuple.from(new Object[] {streamId, expectedVersion, eventIds, types, schemaVersions, data, metadata}))
                .onFailure(UniqueViolation.of(STREAM_VERSION_KEY))
                .transform(e -> new ConcurrencyConflict(streamId, expectedVersion))
                .onFailure(UniqueViolation.of(EVENT_ID_KEY))
                .transform(e -> new DuplicateEventId())
                .map(inserted -> {
                    if (inserted.rowCount() != count) {
                        throw new ConcurrencyConflict(streamId, expectedVersion);
                    }
                    return new AppendResult(expectedVersion + count, false);
                });
    }

    /**
     * A stream's newest snapshot of {@code shapeVersion} (if any) and the events after it (or
     * after version 0 without one), in one round trip.
     */
    public Uni<StreamTail> readFromSnapshot(UUID streamId, int shapeVersion) {
        return pool.preparedQuery(READ_FROM_SNAPSHOT).execute(Tuple.of(streamId, shapeVersion)).map(EventStore::toTail);
    }

    /**
     * What time travel to {@code version} folds: the newest snapshot of {@code shapeVersion} at
     * or before it, if any, and at most {@code limit} events from the snapshot's version (or
     * from version 1) up to {@code version}, in one round trip.
     */
    public Uni<StreamTail> readAt(UUID streamId, int shapeVersion, long version, int limit) {
        return pool.preparedQuery(READ_AT).execute(Tuple.of(streamId, shapeVersion, version, limit)).map(EventStore::toTail);
    }

    private static StreamTail toTail(RowSet<Row> rows) {
        Snapshots.Snapshot snapshot = null;
        var events = new ArrayList<RecordedEvent>(rows.size());
        for (Row row : rows) {
            if (snapshot == null && row.getValue(0) != null) {
                snapshot = new Snapshots.Snapshot(row.getLong(0), row.getString(1));
            }
            if (row.getValue(2) != null) {
                events.add(toEvent(row, 2));
            }
        }
        return new StreamTail(Optional.ofNullable(snapshot), events);
    }

    /** The event stored under {@code eventId}, if there is one. */
    public Uni<Optional<RecordedEvent>> find(UUID eventId) {
        return pool.preparedQuery(FIND).execute(Tuple.of(eventId)).map(rows -> {
            var found = rows.iterator();
            return found.hasNext() ? Optional.of(toEvent(found.next())) : Optional.empty();
        });
    }

    /** The stream's events after {@code afterVersion}, in version order. */
    public Uni<List<RecordedEvent>> readStream(UUID streamId, long afterVersion) {
        return readStream(streamId, afterVersion, Long.MAX_VALUE);
    }

    /** At most {@code limit} of the stream's events after {@code afterVersion}, in version order. */
    /** The stream's last version recorded at or before {@code instant}; 0 when none was. */
    public Uni<Long> versionAt(UUID streamId, Instant instant) {
        return pool.preparedQuery(VERSION_AT).execute(Tuple.of(streamId, instant.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<RecordedEvent>> readStream(UUID streamId, long afterVersion, long limit) {
        return pool.preparedQuery(READ_STREAM).execute(Tuple.of(streamId, afterVersion, limit)).map(this::toEvents);
    }

    /**
     * Up to {@code limit} events ordered by stream and version, after the given stream position:
     * a walk over every stream in turn (not the publication order; see {@link #readAll}).
     */
    public Uni<List<RecordedEvent>> readByStream(UUID afterStream, long afterVersion, int limit) {
        return readByStream(afterStream, afterVersion, new GlobalPosition(Long.MAX_VALUE, 0), limit);
    }

    /**
     * As {@link #readByStream(UUID, long, int)}, only the events before {@code horizon} (from
     * {@link #committedHorizon()}): a fixed set, as nothing can be written before it any more.
     */
    public Uni<List<RecordedEvent>> readByStream(UUID afterStream, long afterVersion, GlobalPosition horizon, int limit) {
        return pool.preparedQuery(READ_BY_STREAM)
                .execute(Tuple.of(afterStream, afterVersion, Long.toString(horizon.txId()), (long) limit))
                .map(this::toEvents);
    }

    /**
     * The position before which every event is committed and none can be added: every
     * transaction that wrote below it has ended. Reading all events before it, in any order,
     * then {@link #readAll} from it, sees each event exactly once. A stream's events before it
     * are a prefix of the stream: an append is its transaction's first write, so a later
     * version always has a later transaction id.
     */
    public Uni<GlobalPosition> committedHorizon() {
        return pool.query(HORIZON).execute()
                .map(rows -> new GlobalPosition(rows.iterator().next().getLong(0), 0));
    }

    /** Up to {@code limit} committed events after {@code after}, in gap-safe global order. */
    public Uni<List<RecordedEvent>> readAll(GlobalPosition after, int limit) {
        // The transaction id is sent as text: the client binds a Java long only to bigint, and tx_id is xid8.
        return pool.preparedQuery(READ_ALL)
                .execute(Tuple.of(Long.toString(after.txId()), after.position(), (long) limit))
                .map(this::toEvents);
    }

    /** After a failed append: a repeat of one already stored, or the original failure. */
    private Uni<AppendResult> alreadyStored(UUID streamId, List<NewEvent> events, Throwable failure) {
        UUID[] ids = events.stream().map(NewEvent::eventId).distinct().toArray(UUID[]::new);
        return pool.preparedQuery(FIND_BY_EVENT_IDS).execute(Tuple.of(ids)).map(rows -> {
            boolean allInStream = rows.rowCount() == ids.length
                    && StreamSupport.stream(rows.spliterator(), false).allMatch(row -> streamId.equals(row.getUUID(0)));
            if (!allInStream && failure instanceof DuplicateEventId) {
                throw new IllegalStateException("Some of the event ids " + Arrays.toString(ids) + " are stored already, not as this append");
            }
            if (!allInStream) {
                throw (ConcurrencyConflict) failure;
            }
            long version = StreamSupport.stream(rows.spliterator(), false).mapToLong(row -> row.getLong(1)).max().orElseThrow();
            return new AppendResult(version, true);
        });
    }

    private List<RecordedEvent> toEvents(RowSet<Row> rows) {
        return StreamSupport.stream(rows.spliterator(), false).map(this::toEvent).toList();
    }

    private RecordedEvent toEvent(Row row) {
        return toEvent(row, 0);
    }

    /** The event whose {@link #COLUMNS} start at column {@code first}. */
    private static RecordedEvent toEvent(Row row, int first) {
        return new RecordedEvent(
                new GlobalPosition(row.getLong(first + 1), row.getLong(first)),
                row.getUUID(first + 2),
                row.getLong(first + 3),
                row.getUUID(first + 4),
                row.getString(first + 5),
                row.getInteger(first + 6),
                row.getString(first + 7),
                new EventMetadata(row.getString(first + 9), row.getString(first + 10), row.getString(first + 11),
                        row.getString(first + 12)),
                row.getOffsetDateTime(first + 8).toInstant());
    }

    private String write(EventMetadata metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize event metadata", e);
        }
    }

    /** Internal signal: an event id in the batch is already stored. */
    private static final class DuplicateEventId extends RuntimeException {
        DuplicateEventId() {
            super(null, null, false, false);
        }
    }
}
