package com.agilex.listings.platform;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.SocketException;
import java.util.Set;

/**
 * Tells a failure that says the database cannot be used right now (not reachable, restarting, out
 * of connections, the connection lost) from one that says something is wrong with the request or
 * the code. The first is answered 503 with {@code Retry-After}: the same request can succeed
 * later. (A connection lost at commit may have written the command: a command retried with the
 * same {@code Idempotency-Key} then gets the first answer, not a second write.)
 */
public final class DatabaseUnavailable {

    /** SQLSTATEs PostgreSQL sends while it shuts down, starts up or has no connection left. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure}, or any of its causes, is the database being unavailable. */
    public static boolean isCauseOf(Throwable failure) {
        return Causes.anyMatch(failure, DatabaseUnavailable::isUnavailable);
    }

    private static boolean isUnavailable(Throwable failure) {
        return switch (failure) {
            // Refused or timed out while connecting (Netty's exceptions extend ConnectException, a
            // SocketException), or reset while a query ran: the server crashed (bench/faults).
            case SocketException lost -> true;
            // The server closed a pooled connection: it stopped, restarted or was failed over.
            case ClosedConnectionException closed -> true;
            case DatabaseException database -> isUnavailableState(database.getSqlState());
            default -> false;
        };
    }

    /** Class 08 is "connection exception" in the SQL standard. */
    private static boolean isUnavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || UNAVAILABLE_STATES.contains(sqlState));
    }
}
