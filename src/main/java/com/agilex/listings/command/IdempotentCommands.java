package com.agilex.listings.command;

import com.agilex.listings.eventstore.WithinAppend;
import com.agilex.listings.platform.DatabaseBusy;
import com.agilex.listings.platform.Role;
import com.agilex.listings.platform.SafeContext;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Idempotency-Key (docs/api.md): the same principal, key and request get the first answer again,
 * without appending anything; another request under the key gets 422; a repeat while the first
 * still runs gets 409. The key is claimed before the command runs, and its answer is stored in
 * the transaction that appends the command's events, so an acknowledged command and its stored
 * answer never part. A failed command gives its key up, so the client may retry with it.
 */
@ApplicationScoped
public class IdempotentCommands {

    private static final Logger LOG = Logger.getLogger(IdempotentCommands.class);
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /** A command's answer: fresh, or the replay of the first answer to the same key. */
    public record Answer(int status, CommandResult result, boolean replayed) {
    }

    private final IdempotencyKeys keys;
    private final IdempotencyConfig config;
    private final Vertx vertx;

    public IdempotentCommands(IdempotencyKeys keys, IdempotencyConfig config, Vertx vertx) {
        this.keys = keys;
        this.config = config;
        this.vertx = vertx;
    }

    void schedulePurge(@Observes StartupEvent start,
            Role role) {
        if (!role.takesCommands()) {
            return;
        }
        vertx.setPeriodic(config.purgeInterval().toMillis(), timer -> SafeContext.run(vertx, keys::purgeExpired)
                .subscribe().with(
                        purged -> LOG.debugf("Purged %d expired idempotency keys", purged),
                        failure -> LOG.warnf("Could not purge expired idempotency keys: %s", DatabaseBusy.describe(failure))));
    }

    /**
     * Runs {@code command} (given the work to do in its append transaction) under an optional
     * key. {@code request} identifies the request (method, path, command) for the 422 check.
     */
    public Uni<Answer> run(String principal, String key, String request, UUID listingId, int successStatus,
            Function<WithinAppend, Uni<CommandResult>> command) {
        if (key == null) {
            return command.apply(WithinAppend.NOTHING).map(result -> new Answer(successStatus, result, false));
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw new ExpectedVersion.MalformedHeader(HEADER + " must be 1 to 255 visible ASCII characters");
        }
        String hash = sha256(request);
        return keys.claim(principal, key, hash).chain(claim -> claim.isPresent()
                ? execute(principal, key, claim.get(), listingId, successStatus, command)
                : replay(principal, key, hash));
    }

    private Uni<Answer> execute(String principal, String key, UUID claim, UUID listingId, int status,
            Function<WithinAppend, Uni<CommandResult>> command) {
        var stored = new AtomicBoolean();
        WithinAppend storeAnswer = (connection, version) -> {
            stored.set(true);
            return keys.complete(connection, principal, key, claim, status, listingId, version);
        };
        return command.apply(storeAnswer)
                // A command that changed nothing appended nothing: store its answer on its own.
                .call(result -> stored.get()
                        ? Uni.createFrom().voidItem()
                        : keys.complete(principal, key, claim, status, result.id(), result.version()))
                .onFailure().call(() -> keys.release(principal, key, claim))
                .map(result -> new Answer(status, result, false));
    }

    private Uni<Answer> replay(String principal, String key, String hash) {
        return keys.find(principal, key).map(found -> {
            var first = found.orElseThrow(IdempotencyRejection.KeyInUse::new);
            if (!first.requestHash().equals(hash)) {
                throw new IdempotencyRejection.KeyReused();
            }
            if (!first.done()) {
                throw new IdempotencyRejection.KeyInUse();
            }
            return new Answer(first.status(), new CommandResult(first.listingId(), first.version()), true);
        });
    }

    private static String sha256(String request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
