package com.agilex.listings.domain;

import java.math.BigDecimal;
import java.util.Currency;

/** A positive price in an ISO 4217 currency, with no more fraction digits than the currency has. */
public record Money(BigDecimal amount, Currency currency) {

    /** The largest price, in major units (docs/api.md, "Limits"). */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");

    public Money {
        if (amount == null || currency == null) {
            throw new IllegalArgumentException("amount and currency are required");
        }
    }

    /**
     * Validates raw input and builds a price, or returns the reasons it is invalid.
     * Field names are relative to the price object ("amount", "currency").
     */
    public static Validated<Money> parse(BigDecimal amount, String currencyCode) {
        var errors = new Validated.Errors();
        Currency currency = null;
        if (currencyCode == null || currencyCode.isBlank()) {
            errors.add("currency", "is required");
        } else {
            currency = isoCurrency(currencyCode);
            if (currency == null) {
                errors.add("currency", "must be an ISO 4217 currency code such as EUR");
            }
        }
        if (amount == null) {
            errors.add("amount", "is required");
        } else if (amount.signum() <= 0) {
            errors.add("amount", "must be greater than 0");
        } else if (amount.compareTo(MAX_AMOUNT) > 0) {
            errors.add("amount", "must be at most " + MAX_AMOUNT.toPlainString());
        } else if (currency != null && fractionDigits(amount) > currency.getDefaultFractionDigits()) {
            errors.add("amount", "must have at most " + currency.getDefaultFractionDigits()
                    + " fraction digits in " + currency.getCurrencyCode());
        }
        return errors.isEmpty() ? Validated.valid(new Money(amount, currency)) : errors.toInvalid();
    }

    /** Two prices are the same when they are numerically equal in the same currency (12.5 = 12.50). */
    public boolean sameAs(Money other) {
        return other != null && currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
    }

    private static Currency isoCurrency(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return null;
        }
        try {
            Currency currency = Currency.getInstance(code);
            // Codes without a minor unit (XAU, XDR…) are not prices a marketplace takes.
            return currency.getDefaultFractionDigits() < 0 ? null : currency;
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static int fractionDigits(BigDecimal amount) {
        return Math.max(0, amount.stripTrailingZeros().scale());
    }
}
