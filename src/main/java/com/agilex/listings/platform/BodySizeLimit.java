package com.agilex.listings.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers an over-long declared body with a 413 problem before anything reads it. Vert.x
 * enforces the same limit on bodies without a Content-Length, with a bare 413.
 */
@Singleton
public class BodySizeLimit {

    private final long maxBytes;
    private final ObjectMapper json;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max, ObjectMapper json) {
        this.maxBytes = max.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        // Before Quarkus' own body-size check (order -2), which answers without a body.
        router.route().order(-3).handler(ctx -> {
            String declared = ctx.request().getHeader("Content-Length");
            if (declared != null && declared.chars().allMatch(Character::isDigit)
                    && declared.length() < 19 && Long.parseLong(declared) > maxBytes) {
                ctx.response()
                        .setStatusCode(413)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(tooLarge(ctx.request().path()));
                return;
            }
            ctx.next();
        });
    }

    private String tooLarge(String path) {
        var problem = new Problem("about:blank", "Payload Too Large", 413,
                "The request body is larger than " + maxBytes + " bytes", path, null);
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
