package com.agilex.listings.platform;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.agilex.listings.domain.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). {@code errors} lists
 * the invalid fields of a 400; {@code currentVersion} tells a 412 what the listing is at.
 */
// Written as an entity of a built Response, which Quarkus does not see to register for the native image.
@RegisterForReflection
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types of this service; generic HTTP errors use about:blank (RFC 9457 §4.2.1). */
    public static final String TYPE_PREFIX = "urn:agilex:listings:problem:";
}
