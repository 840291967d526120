package com.agilex.listings.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The event store: an append-only table of events in PostgreSQL (see V1__event_store.sql).
 * Every statement it runs is in this class, so the guarantees can be checked by eye. Appends
 * run in Hibernate Reactive transactions ({@link WriteSessions}, with the rest of a command's
 * writes); reads go through the SQL client, which the query and projector roles have without
 * starting Hibernate.
 * <ul>
 *   <li>append extends a stream only from the expected version; the unique (stream_id, version)
 *       index settles races, so versions are 1..N with no gap and no duplicate;</li>
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

    private static final String CURRENT_VERSION =
            "SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = :stream";

    private static final String INSERT_ROW = """
            (:stream, :version%1$d, :eventId%1$d, :type%1$d, :schema%1$d,
             CAST(CAST(:data%1$d AS text) AS jsonb), CAST(CAST(:metadata%1$d AS text) AS jsonb))""";

    private static final String READ_STREAM = "SELECT " + COLUMNS + """
             FROM events e WHERE e.stream_id = $1 AND e.version > $2
             ORDER BY e.version
             LIMIT $3""";

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
                   WHERE (tx_id, global_position) > (CAST(CAST($1 AS text) AS xid8), $2)
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

    private static final String HORIZON = "SELECT CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint)";

    private static final String FIND_BY_EVENT_IDS =
            "SELECT CAST(stream_id AS text), version FROM events WHERE event_id IN (:eventIds)";

    private static final String STREAM_VERSION_KEY = "events_stream_version_key";
    private static final String EVENT_ID_KEY = "events_event_id_key";

    private final WriteSessions sessions;
    private final Pool pool;
    private final ObjectMapper json;

    public EventStore(WriteSessions sessions, Pool pool, ObjectMapper json) {
        this.sessions = sessions;
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

    /** As {@link #append(UUID, long, List)}, running {@code within} in the same transaction. */
    public Uni<AppendResult> append(UUID streamId, long expectedVersion, List<NewEvent> events, WithinAppend within) {
        return sessions.withTransaction(session -> append(session, streamId, expectedVersion, events)
                        .call(result -> within.run(session, result.version())))
                // A conflict may be our own earlier append, retried: then it is already stored.
                .onFailure(failure -> failure instanceof ConcurrencyConflict || failure instanceof DuplicateEventId)
                .recoverWithUni(failure -> alreadyStored(streamId, events, failure));
    }

    /**
     * Appends within the caller's transaction. The insert must be the transaction's first
     * write: the writer's transaction id orders the global read, so a write before it could
     * give an earlier event a later id. Reads before it are fine.
     */
    public Uni<AppendResult> append(Mutiny.Session session, UUID streamId, long expectedVersion, List<NewEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new AppendResult(expectedVersion, false));
        }
        return session.createNativeQuery(CURRENT_VERSION)
                .setParameter("stream", streamId)
                .getSingleResult()
                .map(EventStore::toLong)
                .chain(current -> {
                    if (current != expectedVersion) {
                        return Uni.createFrom().failure(new ConcurrencyConflict(streamId, expectedVersion));
                    }
                    return insert(session, streamId, expectedVersion, events);
                })
                .onFailure(UniqueViolation.of(STREAM_VERSION_KEY))
                .transform(e -> new ConcurrencyConflict(streamId, expectedVersion))
                .onFailure(UniqueViolation.of(EVENT_ID_KEY))
                .transform(e -> new DuplicateEventId())
                .map(inserted -> new AppendResult(expectedVersion + events.size(), false));
    }

    /** The stream's events after {@code afterVersion}, in version order. */
    public Uni<List<RecordedEvent>> readStream(UUID streamId, long afterVersion) {
        return readStream(streamId, afterVersion, Long.MAX_VALUE);
    }

    /** At most {@code limit} of the stream's events after {@code afterVersion}, in version order. */
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

    private Uni<Integer> insert(Mutiny.Session session, UUID streamId, long expectedVersion, List<NewEvent> events) {
        var rows = new ArrayList<String>();
        for (int i = 0; i < events.size(); i++) {
            rows.add(INSERT_ROW.formatted(i));
        }
        var query = session.createNativeQuery("""
                INSERT INTO events (stream_id, version, event_id, event_type, schema_version, data, metadata)
                VALUES """ + String.join(",\n", rows));
        query.setParameter("stream", streamId);
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            query.setParameter("version" + i, expectedVersion + i + 1)
                    .setParameter("eventId" + i, event.eventId())
                    .setParameter("type" + i, event.type())
                    .setParameter("schema" + i, event.schemaVersion())
                    .setParameter("data" + i, event.data())
                    .setParameter("metadata" + i, write(event.metadata()));
        }
        return query.executeUpdate();
    }

    /** After a failed append: a repeat of one already stored, or the original failure. */
    private Uni<AppendResult> alreadyStored(UUID streamId, List<NewEvent> events, Throwable failure) {
        Set<UUID> ids = events.stream().map(NewEvent::eventId).collect(Collectors.toSet());
        return sessions.withSession(session -> session.<Object[]>createNativeQuery(FIND_BY_EVENT_IDS)
                .setParameter("eventIds", ids)
                .getResultList()
                .map(rows -> {
                    boolean allInStream = rows.size() == ids.size()
                            && rows.stream().allMatch(row -> streamId.toString().equals(row[0]));
                    if (!allInStream && failure instanceof DuplicateEventId) {
                        throw new IllegalStateException("Some of the event ids " + ids + " are stored already, not as this append");
                    }
                    if (!allInStream) {
                        throw (ConcurrencyConflict) failure;
                    }
                    long version = rows.stream().mapToLong(row -> toLong(row[1])).max().orElseThrow();
                    return new AppendResult(version, true);
                }));
    }

    private List<RecordedEvent> toEvents(RowSet<Row> rows) {
        return StreamSupport.stream(rows.spliterator(), false).map(this::toEvent).toList();
    }

    private RecordedEvent toEvent(Row row) {
        return new RecordedEvent(
                new GlobalPosition(row.getLong(1), row.getLong(0)),
                row.getUUID(2),
                row.getLong(3),
                row.getUUID(4),
                row.getString(5),
                row.getInteger(6),
                row.getString(7),
                new EventMetadata(row.getString(9), row.getString(10), row.getString(11), row.getString(12)),
                row.getOffsetDateTime(8).toInstant());
    }

    private String write(EventMetadata metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize event metadata", e);
        }
    }

    private static long toLong(Object value) {
        return ((Number) value).longValue();
    }

    /** Internal signal: an event id in the batch is already stored. */
    private static final class DuplicateEventId extends RuntimeException {
        DuplicateEventId() {
            super(null, null, false, false);
        }
    }
}
