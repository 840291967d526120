package com.agilex.listings.domain;

import java.math.BigDecimal;

/** A price as a client sent it, not yet checked against the rules ({@link Money#parse}). */
public record PriceInput(BigDecimal amount, String currency) {
}
