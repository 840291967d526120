package com.agilex.listings.domain;

import java.util.List;

/** Why the decider refused a command. Each kind maps to one HTTP status in the shell. */
public sealed abstract class ListingRejection extends RuntimeException {

    private ListingRejection(String message) {
        // No stack trace: a rejection is an expected answer, not a fault.
        super(message, null, false, false);
    }

    /** One or more values break the listing's rules (docs/api.md, "Listing rules"). */
    public static final class InvalidCommand extends ListingRejection {
        private final List<FieldError> errors;

        public InvalidCommand(List<FieldError> errors) {
            super("The command has invalid values");
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** The command is not allowed in the listing's current status. */
    public static final class IllegalTransition extends ListingRejection {
        private final ListingStatus status;

        public IllegalTransition(String command, ListingStatus status) {
            super("Cannot " + command + " a listing that is " + status);
            this.status = status;
        }

        public ListingStatus status() {
            return status;
        }
    }

    /** The command conflicts with the listing's state in some other way (e.g. a second create). */
    public static final class Conflict extends ListingRejection {
        public Conflict(String message) {
            super(message);
        }
    }

    /** The actor may not issue this command on this listing. */
    public static final class NotPermitted extends ListingRejection {
        public NotPermitted(String message) {
            super(message);
        }
    }

    /** The listing does not exist. */
    public static final class NotFound extends ListingRejection {
        public NotFound() {
            super("No such listing");
        }
    }
}
