package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures are answered 503 (retry later) rather than 500 (a fault). */
class DatabaseUnavailableTest {

    static PgException postgres(String sqlState) {
        return new PgException("message", "FATAL", sqlState, "detail");
    }

    @Test
    void a_refused_or_timed_out_connection_is_found_under_the_wrappers() {
        assertThat(DatabaseUnavailable.isCauseOf(new CompletionException(new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new RuntimeException(new ConnectTimeoutException("timed out")))).isTrue();
    }

    @Test
    void a_connection_the_server_closed_is_unavailable() {
        assertThat(DatabaseUnavailable.isCauseOf(new CompletionException(ClosedConnectionException.INSTANCE))).isTrue();
    }

    @Test
    void a_connection_reset_while_a_query_ran_is_unavailable() {
        // What the pool's connection reports when the server crashes under it (pg_ctl -m immediate).
        assertThat(DatabaseUnavailable.isCauseOf(new RuntimeException(new SocketException("Connection reset")))).isTrue();
    }

    @Test
    void postgres_shutting_down_starting_up_or_out_of_connections_is_unavailable() {
        assertThat(DatabaseUnavailable.isCauseOf(postgres("57P01"))).as("admin shutdown").isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(postgres("57P03"))).as("cannot connect now").isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(postgres("53300"))).as("too many connections").isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(postgres("08006"))).as("connection failure").isTrue();
    }

    @Test
    void errors_of_the_statement_or_the_code_are_faults() {
        assertThat(DatabaseUnavailable.isCauseOf(postgres("23505"))).as("unique violation").isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(postgres("42P01"))).as("undefined table").isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new CompletionException(new IllegalStateException("bug")))).isFalse();
    }

    @Test
    void a_cycle_of_causes_ends() {
        var first = new IllegalStateException("first");
        var second = new IllegalArgumentException("second", first);
        first.initCause(second);
        assertThat(DatabaseUnavailable.isCauseOf(first)).isFalse();
    }
}
