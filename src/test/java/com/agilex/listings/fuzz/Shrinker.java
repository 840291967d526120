package com.agilex.listings.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Makes a failing request smaller while it still fails: fewer headers, a shorter query, a
 * shorter body, no body; so that what is reported, and kept as a regression test, is the core.
 */
final class Shrinker {

    private final Predicate<FuzzRequest> fails;
    private int budget;

    Shrinker(Predicate<FuzzRequest> fails, int budget) {
        this.fails = fails;
        this.budget = budget;
    }

    FuzzRequest shrink(FuzzRequest failing) {
        FuzzRequest smallest = failing;
        boolean shrunk = true;
        while (shrunk && budget > 0) {
            shrunk = false;
            for (FuzzRequest candidate : smaller(smallest)) {
                if (budget-- <= 0) {
                    break;
                }
                if (fails.test(candidate)) {
                    smallest = candidate;
                    shrunk = true;
                    break;
                }
            }
        }
        return smallest;
    }

    /** One step smaller each: a header less, a query parameter less, a chunk of the body less, no body. */
    private static List<FuzzRequest> smaller(FuzzRequest request) {
        var candidates = new ArrayList<FuzzRequest>();
        for (int i = 0; i < request.headers().size(); i++) {
            var headers = new ArrayList<>(request.headers());
            headers.remove(i);
            candidates.add(new FuzzRequest(request.method(), request.target(), request.caller(), headers, request.body()));
        }
        int query = request.target().indexOf('?');
        if (query >= 0) {
            String path = request.target().substring(0, query);
            List<String> parameters = List.of(request.target().substring(query + 1).split("&"));
            for (int i = 0; i < parameters.size(); i++) {
                var kept = new ArrayList<>(parameters);
                kept.remove(i);
                candidates.add(withTarget(request, kept.isEmpty() ? path : path + "?" + String.join("&", kept)));
            }
        }
        byte[] body = request.body();
        if (body != null) {
            candidates.add(withBody(request, null));
            for (int chunk = body.length / 2; chunk >= 1; chunk /= 2) {
                for (int start = 0; start + chunk <= body.length; start += chunk) {
                    byte[] cut = new byte[body.length - chunk];
                    System.arraycopy(body, 0, cut, 0, start);
                    System.arraycopy(body, start + chunk, cut, start, body.length - start - chunk);
                    candidates.add(withBody(request, cut));
                }
                if (candidates.size() > 400) {
                    break;
                }
            }
        }
        return candidates;
    }

    private static FuzzRequest withTarget(FuzzRequest request, String target) {
        return new FuzzRequest(request.method(), target, request.caller(), request.headers(), request.body());
    }

    private static FuzzRequest withBody(FuzzRequest request, byte[] body) {
        return new FuzzRequest(request.method(), request.target(), request.caller(), request.headers(),
                body == null ? null : Arrays.copyOf(body, body.length));
    }
}
