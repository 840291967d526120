package com.agilex.listings.command;

import java.math.BigDecimal;

/** The JSON bodies of the command endpoints. Values are checked by the decider, not here. */
public interface CommandBodies {

    record Price(BigDecimal amount, String currency) {
    }

    record CreateListing(String title, String description, String category, Price price) {
    }

    /** Every field is optional: a missing one is left unchanged. */
    record UpdateDetails(String title, String description, String category) {
    }

    record Sell(String buyerId) {
    }

    record Withdraw(String reason) {
    }
}
