import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * bench/flood's client: what one seller flooding commands does to another seller's commands.
 *
 * <p>Three phases, all creates ({@code POST /listings}). A warm-up: many sellers each send creates
 * below their limit while the flooder floods (the JIT of a cold service, on both paths). A
 * baseline: the "other" seller alone, at a fixed rate. The flood: the other seller at the same rate
 * while the flooder (wrk with bench/wrk/flood.lua, a separate process: a Java client on this
 * machine's 2 cores would measure itself) sends creates over many connections as fast as they are
 * answered, as a hostile client that ignores Retry-After does. The other seller's latency is
 * measured from when each request was due (coordinated omission excluded).
 *
 * <pre>java -cp CLASSPATH bench/Flood.java --base URL --tokens FILE --flooder-token FILE
 *      --other-per-second 10 --flood-connections 32,256 --warmup-seconds 30 --seconds 20</pre>
 * One flood phase per number of connections in {@code --flood-connections}.
 * {@code --tokens}: one bearer token per line: the other seller's, then the warm-up's sellers';
 * {@code --flooder-token}: a file with the flooder's token.
 */
public class Flood {

    static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);
    static final double WARMUP_PER_SELLER = 15;
    static final String BODY = "{\"title\":\"Road bike\",\"description\":\"54 cm frame\",\"category\":\"bikes\","
            + "\"price\":{\"amount\":\"350.00\",\"currency\":\"EUR\"}}";
    static final Pattern FLOOD_COUNTS = Pattern.compile("^flood (\\d+) (\\d+) (\\d+) (\\d+)$", Pattern.MULTILINE);

    /** What the other seller's requests got during a measured phase. */
    static final class Tally {
        final Histogram micros = new Histogram(MAX_MICROS, 3);
        long created;
        long failed;

        synchronized void record(long micros, boolean created) {
            this.micros.recordValue(Math.min(MAX_MICROS, micros));
            if (created) {
                this.created++;
            } else {
                failed++;
            }
        }
    }

    /** What the flooder's answers were, as bench/wrk/flood.lua counts them. */
    record FloodCounts(long created, long limited, long limitedBare, long other) {

        static FloodCounts parse(String wrkOutput) {
            Matcher m = FLOOD_COUNTS.matcher(wrkOutput);
            if (!m.find()) {
                throw new IllegalStateException("wrk printed no counts:\n" + wrkOutput);
            }
            return new FloodCounts(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)));
        }
    }

    final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    final HttpClient http;
    final AtomicLong inFlight = new AtomicLong();
    final URI base;
    final List<String> tokens;
    final Path flooderToken;
    final double otherPerSecond;
    final List<Integer> floodConnections;
    final long warmupSeconds;
    final long seconds;

    Flood(Map<String, String> options) throws Exception {
        base = URI.create(options.getOrDefault("base", "http://127.0.0.1:8081"));
        tokens = Files.readAllLines(Path.of(options.get("tokens"))).stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        if (tokens.size() < 2) {
            throw new IllegalArgumentException("--tokens needs the other seller's and at least one warm-up seller's");
        }
        flooderToken = Path.of(options.get("flooder-token"));
        otherPerSecond = Double.parseDouble(options.getOrDefault("other-per-second", "10"));
        floodConnections = Arrays.stream(options.getOrDefault("flood-connections", "32").split(",")).map(String::strip)
                .map(Integer::valueOf).toList();
        warmupSeconds = Long.parseLong(options.getOrDefault("warmup-seconds", "30"));
        seconds = Long.parseLong(options.getOrDefault("seconds", "20"));
        http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort())
                .setKeepAlive(true).setConnectTimeout(5_000), new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
    }

    public static void main(String[] args) throws Exception {
        var options = new HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new Flood(options).run();
        System.exit(0);
    }

    void run() throws Exception {
        List<String> warmSellers = tokens.subList(1, tokens.size());
        Process warmupFlood = flood(warmupSeconds, floodConnections.getFirst());
        fixedRate(warmupSeconds, warmSellers.size() * WARMUP_PER_SELLER, warmSellers, null);
        warmupFlood.waitFor();
        awaitQuiet();
        Tally alone = new Tally();
        fixedRate(seconds, otherPerSecond, List.of(tokens.get(0)), alone);
        awaitQuiet();
        var flooded = new LinkedHashMap<Integer, Tally>();
        var flooders = new LinkedHashMap<Integer, FloodCounts>();
        for (int connections : floodConnections) {
            Tally other = new Tally();
            Process flood = flood(seconds, connections);
            fixedRate(seconds, otherPerSecond, List.of(tokens.get(0)), other);
            String wrkOutput = new String(flood.getInputStream().readAllBytes());
            flood.waitFor();
            awaitQuiet();
            flooded.put(connections, other);
            flooders.put(connections, FloodCounts.parse(wrkOutput));
        }
        report(alone, flooded, flooders);
    }

    /** Starts the flooder for {@code duration} seconds: wrk, one thread, many connections. */
    Process flood(long duration, int connections) throws Exception {
        var wrk = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + duration + "s", "-s", "bench/wrk/flood.lua",
                base.toString()).redirectErrorStream(true);
        wrk.environment().put("TOKENS", flooderToken.toString());
        return wrk.start();
    }

    /**
     * Sends creates at {@code perSecond} for {@code duration} seconds, signed by {@code sellers} in
     * turn; every millisecond it sends what has fallen due, each timed from when it was due.
     */
    void fixedRate(long duration, double perSecond, List<String> sellers, Tally tally) throws InterruptedException {
        var done = new CountDownLatch(1);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(duration);
        long[] issued = {0};
        vertx.setPeriodic(1, timer -> {
            long now = Math.min(System.nanoTime(), end);
            long due;
            while ((due = start + (long) (issued[0] / perSecond * 1e9)) < now) {
                long dueAt = due;
                create(sellers.get((int) (issued[0] % sellers.size()))).onComplete(answer -> {
                    if (tally != null) {
                        tally.record((System.nanoTime() - dueAt) / 1_000, answer.succeeded() && answer.result() == 201);
                    }
                });
                issued[0]++;
            }
            if (now >= end) {
                vertx.cancelTimer(timer);
                done.countDown();
            }
        });
        done.await();
    }

    Future<Integer> create(String token) {
        inFlight.incrementAndGet();
        var options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/listings")
                .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json");
        return http.request(options)
                .compose(request -> request.send(Buffer.buffer(BODY)))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(ignored -> inFlight.decrementAndGet());
    }

    /** Waits (up to 30 s) until every request sent has been answered, so phases do not overlap. */
    void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    void report(Tally alone, Map<Integer, Tally> flooded, Map<Integer, FloodCounts> flooders) {
        System.out.println("| the other seller | offered /s | created /s | p50 ms | p99 ms | p99.9 ms | max ms | refused or failed |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        row("alone", alone);
        flooded.forEach((connections, tally) -> row(String.format(Locale.ROOT, "during a flood over %d connections", connections), tally));
        System.out.println();
        System.out.println("| the flooder | answers /s | created /s | 429 /s | 429 without Retry-After or problem+json | other answers |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        flooders.forEach((connections, flooder) -> System.out.printf(Locale.ROOT, "| wrk -t1 -c%d | %.0f | %.1f | %.0f | %d | %d |%n",
                connections, (flooder.created() + flooder.limited() + flooder.other()) / (double) seconds,
                flooder.created() / (double) seconds, flooder.limited() / (double) seconds, flooder.limitedBare(), flooder.other()));
    }

    void row(String phase, Tally tally) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %d |%n", phase, otherPerSecond,
                tally.created / (double) seconds, ms(tally.micros.getValueAtPercentile(50)), ms(tally.micros.getValueAtPercentile(99)),
                ms(tally.micros.getValueAtPercentile(99.9)), ms(tally.micros.getMaxValue()), tally.failed);
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }
}
