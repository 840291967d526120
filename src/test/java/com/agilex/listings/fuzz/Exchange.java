package com.agilex.listings.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Sends a generated request to the service as it is, and keeps what came back. */
final class Exchange {

    record Answer(int status, Optional<String> contentType, Optional<String> retryAfter, String body) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Exchange() {
    }

    static Answer send(FuzzRequest request) {
        var builder = HttpRequest.newBuilder(URI.create(FuzzedService.BASE + request.target()))
                // A try that takes this long has hung the service: a failure like a 5xx.
                .timeout(Duration.ofSeconds(10))
                .method(request.method(), request.body() == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        boolean rawAuthorization = request.headers().stream().anyMatch(header -> header.name().equalsIgnoreCase("Authorization"));
        String authorization = request.caller().authorization();
        if (authorization != null && !rawAuthorization) {
            builder.header("Authorization", authorization);
        }
        request.headers().forEach(header -> builder.header(header.name(), header.value()));
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type"),
                    response.headers().firstValue("Retry-After"), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("No answer to " + request.method() + " " + request.target(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
