package com.agilex.listings.domain;

/** One invalid value of a command: the field (dotted path, as in the request body) and why. */
public record FieldError(String field, String message) {
}
