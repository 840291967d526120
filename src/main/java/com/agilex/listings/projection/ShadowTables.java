package com.agilex.listings.projection;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The DDL of a blue-green rebuild: shadow copies of the read tables (same columns, same indexes
 * under names ending in _shadow), and the swap that makes them live in one transaction. The live
 * tables are only read from here until the swap, so a crash before it leaves them untouched.
 */
@ApplicationScoped
public class ShadowTables {

    /** One index of a live table, and whether a rebuild needs it while it writes. */
    record LiveIndex(String table, String name, String definition, boolean primaryKey, boolean neededWhileWriting) {

        String shadowDefinition() {
            return definition.replaceFirst("INDEX " + name + " ON ", "INDEX " + name + "_shadow ON ")
                    .replaceFirst(" ON ([a-z_]+\\.)?" + table + " ", " ON $1" + table + "_shadow ");
        }
    }

    /** Concurrent index builds: the machine's cores are shared with the live service and PostgreSQL's own parallel workers. */
    static final int INDEX_BUILDS_AT_ONCE = 3;
    /** Per build; a sort that fits in memory avoids spilling to temporary files. */
    static final String INDEX_BUILD_MEMORY = "256MB";

    private final Pool pool;

    public ShadowTables(Pool pool) {
        this.pool = pool;
    }

    /**
     * Drops what an earlier rebuild left (shadow or retired tables), then creates empty shadow
     * tables with their unique and partial indexes (the apply path needs those while writing).
     */
    public Uni<Void> create() {
        return dropAll(ReadModelTables.SHADOW)
                .chain(() -> dropAll(ReadModelTables.RETIRED))
                .chain(this::liveIndexes)
                .chain(indexes -> withoutStatementTimeout(connection -> {
                    var statements = new ArrayList<String>();
                    for (String table : ReadModelTables.LIVE.all()) {
                        statements.add("CREATE TABLE " + table + "_shadow (LIKE " + table
                                + " INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS)");
                    }
                    for (LiveIndex index : indexes) {
                        if (index.neededWhileWriting()) {
                            statements.add(index.shadowDefinition());
                            if (index.primaryKey()) {
                                statements.add("ALTER TABLE " + index.table() + "_shadow ADD CONSTRAINT " + index.name()
                                        + "_shadow PRIMARY KEY USING INDEX " + index.name() + "_shadow");
                            }
                        }
                    }
                    return run(connection, statements);
                }));
    }

    /**
     * Refreshes the planner's statistics of the shadow tables. They start empty, so without it
     * the apply path's statements are planned for tiny tables (sequential scans) while the
     * replay grows them to the size of the live ones.
     */
    public Uni<Void> analyze() {
        return withoutStatementTimeout(connection -> connection.query("ANALYZE " + String.join(", ", ReadModelTables.SHADOW.all()))
                .execute().replaceWithVoid());
    }

    /**
     * Builds the remaining (query) indexes on the filled shadow tables: faster than maintaining
     * them row by row. Several at once, each on its own connection with more sort memory than a
     * session's default; a crash leaves them on the shadow tables only, which a new rebuild drops.
     */
    public Uni<Void> buildQueryIndexes() {
        return liveIndexes().chain(indexes -> Multi.createFrom().iterable(indexes.stream()
                        .filter(index -> !index.neededWhileWriting())
                        // The full-text (GIN) index takes longest and on one core: started first, the B-trees fill the other.
                        .sorted(Comparator.comparing(index -> !index.definition().contains(" USING gin ")))
                        .toList())
                .onItem().transformToUni(index -> withoutStatementTimeout(connection -> run(connection, List.of(
                        "SET LOCAL maintenance_work_mem TO '" + INDEX_BUILD_MEMORY + "'", index.shadowDefinition()))))
                .merge(INDEX_BUILDS_AT_ONCE)
                .collect().last()
                .replaceWithVoid());
    }

    /**
     * Makes the shadow tables live: locks the live tables (the live projector and the queries
     * wait), runs {@code finalCatchUp} to apply what the event store gained meanwhile to the
     * shadow, then renames, all in one transaction. The old tables are kept as *_retired until
     * {@link #dropRetired()}, so a statement that was waiting on them finishes instead of failing.
     */
    public Uni<Void> swap(Supplier<Uni<Void>> finalCatchUp) {
        return liveIndexes().chain(indexes -> withoutStatementTimeout(connection -> {
            var renames = new ArrayList<String>();
            for (String table : ReadModelTables.LIVE.all()) {
                renames.add("ALTER TABLE " + table + " RENAME TO " + table + "_retired");
                renames.add("ALTER TABLE " + table + "_shadow RENAME TO " + table);
            }
            for (LiveIndex index : indexes) {
                if (index.primaryKey()) {
                    renames.add("ALTER TABLE " + index.table() + "_retired RENAME CONSTRAINT " + index.name()
                            + " TO " + index.name() + "_retired");
                    renames.add("ALTER TABLE " + index.table() + " RENAME CONSTRAINT " + index.name()
                            + "_shadow TO " + index.name());
                } else {
                    renames.add("ALTER INDEX " + index.name() + " RENAME TO " + index.name() + "_retired");
                    renames.add("ALTER INDEX " + index.name() + "_shadow RENAME TO " + index.name());
                }
            }
            return connection.query("LOCK TABLE " + String.join(", ", ReadModelTables.LIVE.all()) + " IN ACCESS EXCLUSIVE MODE")
                    .execute()
                    .chain(() -> finalCatchUp.get())
                    .chain(() -> run(connection, renames))
                    // Every live view may differ now: the query side's caches drop what they hold at the commit.
                    .chain(() -> connection.preparedQuery(ViewsChanged.NOTIFY).execute(Tuple.of(ViewsChanged.EVERYTHING)))
                    .replaceWithVoid();
        }));
    }

    public Uni<Void> dropRetired() {
        return dropAll(ReadModelTables.RETIRED);
    }

    public Uni<Void> dropShadow() {
        return dropAll(ReadModelTables.SHADOW);
    }

    private Uni<Void> dropAll(ReadModelTables tables) {
        return withoutStatementTimeout(connection -> connection.query("DROP TABLE IF EXISTS " + String.join(", ", tables.all()))
                .execute().replaceWithVoid());
    }

    /** The indexes of the live tables, as the migrations made them (pg_indexes). */
    private Uni<List<LiveIndex>> liveIndexes() {
        return pool.preparedQuery("""
                        SELECT tablename, indexname, indexdef FROM pg_indexes
                        WHERE schemaname = current_schema() AND tablename = ANY($1) ORDER BY tablename, indexname""")
                .execute(Tuple.of(ReadModelTables.LIVE.all().toArray(String[]::new)))
                .map(rows -> {
                    var indexes = new ArrayList<LiveIndex>();
                    for (Row row : rows) {
                        String table = row.getString("tablename");
                        String name = row.getString("indexname");
                        String definition = row.getString("indexdef");
                        boolean primaryKey = name.equals(table + "_pkey");
                        boolean neededWhileWriting = definition.startsWith("CREATE UNIQUE") || definition.contains(" WHERE ");
                        indexes.add(new LiveIndex(table, name, definition, primaryKey, neededWhileWriting));
                    }
                    return indexes;
                });
    }

    /** The database role that owns the read tables (V10): what the rebuild creates must be its too. */
    static final String OWNER = "listings_read_model";

    /**
     * Runs {@code work} in a transaction whose statements may take as long as they need (the
     * pools' statement timeout bounds requests, not a rebuild's index builds, ANALYZE, or the
     * swap's wait for the live tables' lock), as the read tables' owner: the tables it creates
     * are then the owner's, and the query side may read them (V10's default privileges).
     */
    <T> Uni<T> withoutStatementTimeout(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(connection -> connection.query(ListingProjection.NO_STATEMENT_TIMEOUT
                        + "; SET LOCAL ROLE " + OWNER).execute()
                .chain(() -> work.apply(connection)));
    }

    private static Uni<Void> run(SqlConnection connection, List<String> statements) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String statement : statements) {
            chain = chain.chain(() -> connection.query(statement).execute().replaceWithVoid());
        }
        return chain;
    }
}
