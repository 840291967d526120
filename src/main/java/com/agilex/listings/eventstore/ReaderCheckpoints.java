package com.agilex.listings.eventstore;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;

/** Loads and saves readers' checkpoints. Save it in the same transaction as the reader's work. */
@ApplicationScoped
public class ReaderCheckpoints {

    private final WriteSessions sessions;

    public ReaderCheckpoints(WriteSessions sessions) {
        this.sessions = sessions;
    }

    /** The reader's checkpoint, or {@link GlobalPosition#START} for a reader never seen. */
    public Uni<GlobalPosition> load(String reader) {
        return sessions.withSession(session -> session.find(ReaderCheckpoint.class, reader))
                .map(found -> found == null ? GlobalPosition.START : found.toPosition());
    }

    public Uni<Void> save(Mutiny.Session session, String reader, GlobalPosition position) {
        var checkpoint = new ReaderCheckpoint();
        checkpoint.reader = reader;
        checkpoint.txId = position.txId();
        checkpoint.position = position.position();
        checkpoint.updatedAt = Instant.now();
        return session.merge(checkpoint).replaceWithVoid();
    }
}
