package com.agilex.listings.command;

/** A repeated Idempotency-Key that cannot be answered with the first response. */
public sealed abstract class IdempotencyRejection extends RuntimeException {

    private IdempotencyRejection(String message) {
        super(message, null, false, false);
    }

    /** The key was used for another request (422). */
    public static final class KeyReused extends IdempotencyRejection {
        public KeyReused() {
            super("This Idempotency-Key was used for a different request");
        }
    }

    /** The first request with this key is still running (409): retry shortly to get its answer. */
    public static final class KeyInUse extends IdempotencyRejection {
        public KeyInUse() {
            super("A request with this Idempotency-Key is still in progress; retry shortly");
        }
    }
}
