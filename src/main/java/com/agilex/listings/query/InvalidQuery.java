package com.agilex.listings.query;

import com.agilex.listings.domain.FieldError;
import java.util.List;

/** Query parameters that cannot be answered (400, with the field errors). */
public final class InvalidQuery extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidQuery(List<FieldError> errors) {
        super("The query has invalid parameters", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
