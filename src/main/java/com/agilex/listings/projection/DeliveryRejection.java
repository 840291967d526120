package com.agilex.listings.projection;

/**
 * Why {@code POST /events} did not apply a delivered CloudEvent, as the status the sender acts
 * on: Knative retries 409 and 5xx (then sends to its dead-letter sink), never 400 or 422.
 */
public abstract sealed class DeliveryRejection extends RuntimeException {

    private DeliveryRejection(String message) {
        super(message, null, false, false);
    }

    /** Not a CloudEvent this service reads (a missing attribute, an unknown type, bad data): 400. */
    public static final class Malformed extends DeliveryRejection {
        Malformed(String message) {
            super(message);
        }
    }

    /** An earlier event of the listing has not been applied yet: 409, so that the source redelivers. */
    public static final class OutOfOrder extends DeliveryRejection {
        OutOfOrder(String message) {
            super(message);
        }
    }

    /** A readable event that can never be applied to the read model: 422. */
    public static final class NotApplicable extends DeliveryRejection {
        NotApplicable(String message) {
            super(message);
        }
    }

    /** The caller is not the event source: 401, and nothing is applied. */
    public static final class Unauthenticated extends DeliveryRejection {
        Unauthenticated(String message) {
            super(message);
        }
    }

    /**
     * The event is not in the event store as delivered (no such id, or another listing, version or
     * type): 422, and nothing is applied. Only the store says what happened.
     */
    public static final class NotInStore extends DeliveryRejection {
        NotInStore(String message) {
            super(message);
        }
    }

    /** A transient fault (the database is unreachable): 503, try again. */
    public static final class Unavailable extends DeliveryRejection {
        Unavailable(String message) {
            super(message);
        }
    }
}
