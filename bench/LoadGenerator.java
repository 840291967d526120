import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The Listings benchmark's load generator: closed-loop virtual users (each sends a request,
 * waits for the answer, sends the next) against a running service, with latencies in
 * HdrHistograms, then pgbench at the same concurrency as the ceiling of this machine.
 *
 * <pre>java -cp HdrHistogram.jar bench/LoadGenerator.java --base URL --listings N --concurrency C
 *      --duration SECONDS --freshness SAMPLES --pgbench-db DB --token-dir DIR</pre>
 */
public class LoadGenerator {

    static final int SELLERS = 50;
    static final int CATEGORIES = 20;
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

    record Phase(String name, double opsPerSecond, Histogram micros, long errors) {
    }

    final URI base;
    final int listings;
    final int concurrency;
    final Duration duration;
    final int freshnessSamples;
    final String pgbenchDb;
    final List<String> sellerTokens = new ArrayList<>();
    /** Virtual threads: one per virtual user, blocking on its request as a real client would. */
    final java.util.concurrent.ExecutorService users = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    String[] ids;
    int[] sellerOf;

    LoadGenerator(String[] args) throws IOException {
        var options = new java.util.HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        base = URI.create(options.getOrDefault("base", "http://127.0.0.1:8081"));
        listings = Integer.parseInt(options.getOrDefault("listings", "100000"));
        concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
        duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "20")));
        freshnessSamples = Integer.parseInt(options.getOrDefault("freshness", "300"));
        pgbenchDb = options.getOrDefault("pgbench-db", "listings_pgbench");
        Path tokens = Path.of(options.getOrDefault("token-dir", "bench/target/tokens"));
        for (int s = 0; s < SELLERS; s++) {
            sellerTokens.add(Files.readString(tokens.resolve("seller-" + s)).strip());
        }
    }

    public static void main(String[] args) throws Exception {
        new LoadGenerator(args).run();
        System.exit(0);
    }

    void run() throws Exception {
        ids = new String[listings];
        sellerOf = new int[listings];
        Phase seed = seed();
        System.out.printf(Locale.ROOT, "seeded %d listings (create + publish) in %.0f s%n", listings, listings / seed.opsPerSecond());
        waitUntilVisible(ids[listings - 1], 2);

        Phase commands = closedLoop("command: POST /listings/{id}/price", n -> {
            int i = ThreadLocalRandom.current().nextInt(listings);
            String body = "{\"amount\":\"" + (1 + ThreadLocalRandom.current().nextInt(1_000_000)) + ".00\",\"currency\":\"EUR\"}";
            return post("/listings/" + ids[i] + "/price", sellerTokens.get(sellerOf[i]), body);
        });
        Phase byId = closedLoop("query: GET /listings/{id}", n -> get("/listings/" + ids[ThreadLocalRandom.current().nextInt(listings)]));
        Phase byCategory = closedLoop("query: GET /listings?category=", n ->
                get("/listings?category=cat-" + ThreadLocalRandom.current().nextInt(CATEGORIES) + "&limit=20"));
        Histogram freshness = freshness();
        double pgSelect = pgbench("-S");
        double pgInsert = pgbench("-f bench/insert.sql");

        System.out.println();
        System.out.printf(Locale.ROOT, "Concurrency %d, %d s per phase, %d listings seeded.%n%n", concurrency, duration.toSeconds(), listings);
        System.out.printf(Locale.ROOT, "| %-36s | %9s | %8s | %8s | %8s | %-26s |%n", "what", "ops/s", "p50 ms", "p99 ms", "max ms", "vs. ceiling");
        System.out.printf("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(38), "-".repeat(11), "-".repeat(10), "-".repeat(10), "-".repeat(10), "-".repeat(28));
        row(seed.name(), seed, pgInsert, "pgbench insert");
        row(commands.name(), commands, pgInsert, "pgbench insert");
        row(byId.name(), byId, pgSelect, "pgbench select-only");
        row(byCategory.name(), byCategory, pgSelect, "pgbench select-only");
        System.out.printf(Locale.ROOT, "| %-36s | %9s | %8.1f | %8.1f | %8.1f | %-26s |%n", "freshness: ack -> visible by GET", "-",
                ms(freshness.getValueAtPercentile(50)), ms(freshness.getValueAtPercentile(99)), ms(freshness.getMaxValue()),
                freshness.getTotalCount() + " samples");
        System.out.printf(Locale.ROOT, "| %-36s | %9.0f | %8s | %8s | %8s | %-26s |%n", "ceiling: pgbench select-only", pgSelect, "-", "-", "-", "same concurrency");
        System.out.printf(Locale.ROOT, "| %-36s | %9.0f | %8s | %8s | %8s | %-26s |%n", "ceiling: pgbench single-row insert", pgInsert, "-", "-", "-", "same concurrency");
        for (Phase phase : List.of(seed, commands, byId, byCategory)) {
            if (phase.errors() > 0) {
                System.out.printf("%s: %d errors%n", phase.name(), phase.errors());
            }
        }
    }

    void row(String name, Phase phase, double ceiling, String ceilingName) {
        System.out.printf(Locale.ROOT, "| %-36s | %9.0f | %8.1f | %8.1f | %8.1f | %5.1f %% of %-17s |%n", name, phase.opsPerSecond(),
                ms(phase.micros().getValueAtPercentile(50)), ms(phase.micros().getValueAtPercentile(99)),
                ms(phase.micros().getMaxValue()), 100 * phase.opsPerSecond() / ceiling, ceilingName);
    }

    /** Creates and publishes every listing, C at a time; one op = create + publish. */
    Phase seed() throws Exception {
        var next = new AtomicInteger();
        var histogram = new ConcurrentHistogram(3_600_000_000L, 3);
        var errors = new AtomicLong();
        long start = System.nanoTime();
        var running = new ArrayList<CompletableFuture<Void>>();
        for (int u = 0; u < concurrency; u++) {
            running.add(CompletableFuture.runAsync(() -> {
                int i;
                while ((i = next.getAndIncrement()) < listings) {
                    int seller = i % SELLERS;
                    sellerOf[i] = seller;
                    String body = "{\"title\":\"Listing " + i + " vintage item\",\"description\":\"Seeded by the benchmark\","
                            + "\"category\":\"cat-" + (i % CATEGORIES) + "\",\"price\":{\"amount\":\"" + (1 + i % 5000) + ".00\",\"currency\":\"EUR\"}}";
                    long t0 = System.nanoTime();
                    try {
                        var created = http.send(post("/listings", sellerTokens.get(seller), body), HttpResponse.BodyHandlers.ofString());
                        Matcher id = ID.matcher(created.body());
                        if (created.statusCode() != 201 || !id.find()) {
                            errors.incrementAndGet();
                            continue;
                        }
                        ids[i] = id.group(1);
                        var published = http.send(post("/listings/" + ids[i] + "/publish", sellerTokens.get(seller), null),
                                HttpResponse.BodyHandlers.discarding());
                        if (published.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        histogram.recordValue((System.nanoTime() - t0) / 1_000);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, users));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Phase("seed: create + publish", listings / seconds, histogram, errors.get());
    }

    /** C virtual users send requests back to back for the phase's duration. */
    Phase closedLoop(String name, IntFunction<HttpRequest> request) {
        var histogram = new ConcurrentHistogram(3_600_000_000L, 3);
        var count = new AtomicLong();
        var errors = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        var running = new ArrayList<CompletableFuture<Void>>();
        for (int u = 0; u < concurrency; u++) {
            running.add(CompletableFuture.runAsync(() -> {
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        var response = http.send(request.apply(0), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() >= 400) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    histogram.recordValue((System.nanoTime() - t0) / 1_000);
                    count.incrementAndGet();
                }
            }, users));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d requests, %d errors%n", name, count.get(), errors.get());
        return new Phase(name, count.get() / seconds, histogram, errors.get());
    }

    /** One change at a time: time from the command's answer until GET /listings/{id} shows its version. */
    Histogram freshness() throws Exception {
        var histogram = new Histogram(3_600_000_000L, 3);
        for (int n = 0; n < freshnessSamples; n++) {
            int i = ThreadLocalRandom.current().nextInt(listings);
            String body = "{\"amount\":\"" + (1 + ThreadLocalRandom.current().nextInt(1_000_000)) + ".50\",\"currency\":\"EUR\"}";
            var answer = http.send(post("/listings/" + ids[i] + "/price", sellerTokens.get(sellerOf[i]), body),
                    HttpResponse.BodyHandlers.ofString());
            long acknowledged = System.nanoTime();
            Matcher version = VERSION.matcher(answer.body());
            if (answer.statusCode() != 200 || !version.find()) {
                continue;
            }
            long wanted = Long.parseLong(version.group(1));
            if (waitUntilVisible(ids[i], wanted)) {
                histogram.recordValue((System.nanoTime() - acknowledged) / 1_000);
            }
        }
        return histogram;
    }

    /** Polls GET /listings/{id} (every millisecond, up to 5 minutes) until it shows {@code version}. */
    boolean waitUntilVisible(String id, long version) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            var view = http.send(get("/listings/" + id), HttpResponse.BodyHandlers.ofString());
            Matcher seen = VERSION.matcher(view.body());
            if (view.statusCode() == 200 && seen.find() && Long.parseLong(seen.group(1)) >= version) {
                return true;
            }
            Thread.sleep(1);
        }
        System.out.println("listing " + id + " did not reach version " + version + " within 5 minutes");
        return false;
    }

    /** pgbench on this machine's PostgreSQL at the same concurrency: transactions per second. */
    double pgbench(String script) throws Exception {
        var command = new ArrayList<>(List.of("pgbench", "-h", "127.0.0.1", "-U", "postgres", "-n", "-c",
                Integer.toString(concurrency), "-j", "2", "-T", Long.toString(duration.toSeconds())));
        command.addAll(List.of(script.split(" ")));
        command.add(pgbenchDb);
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    HttpRequest post(String path, String token, String json) {
        var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            return builder.POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }
}
