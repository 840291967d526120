package com.agilex.listings.domain;

import java.util.ArrayList;
import java.util.List;

/** A value that passed its rules, or the field errors that say why it did not. */
public sealed interface Validated<T> {

    record Valid<T>(T value) implements Validated<T> {
    }

    record Invalid<T>(List<FieldError> errors) implements Validated<T> {
    }

    static <T> Validated<T> valid(T value) {
        return new Valid<>(value);
    }

    /** Collects field errors; {@link #toInvalid()} turns them into a result. */
    final class Errors {
        private final List<FieldError> list = new ArrayList<>();

        public void add(String field, String message) {
            list.add(new FieldError(field, message));
        }

        /** Adds the errors of a nested value, prefixing their fields with {@code prefix.}. */
        public <T> T collect(String prefix, Validated<T> nested) {
            return switch (nested) {
                case Valid<T> v -> v.value();
                case Invalid<T> i -> {
                    i.errors().forEach(e -> add(prefix + "." + e.field(), e.message()));
                    yield null;
                }
            };
        }

        public boolean isEmpty() {
            return list.isEmpty();
        }

        public List<FieldError> list() {
            return List.copyOf(list);
        }

        public <T> Validated<T> toInvalid() {
            return new Invalid<>(list());
        }

        /** Throws {@link ListingRejection.InvalidCommand} when any error was collected. */
        public void throwIfAny() {
            if (!list.isEmpty()) {
                throw new ListingRejection.InvalidCommand(list);
            }
        }
    }
}
