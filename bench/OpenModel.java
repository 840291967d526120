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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * bench/compare's open-model phase. Requests arrive at fixed rates however long the answers take
 * (a slow answer does not slow the arrivals, as with real users; they ramp up during the
 * warm-up), and each latency is measured
 * from when its request was due, not from when it could be sent: a stalled service shows up in
 * the percentiles instead of hiding behind fewer requests (coordinated omission).
 *
 * <p>Commands are price changes of known listings, each by its seller; reads are
 * {@code GET /listings/{id}}. Freshness: for about 20 commands a second, the time from the
 * command's answer until {@code GET /listings/{id}} shows its version, polled every 2 ms at first,
 * then less often as the wait grows (a tenth of it, at most every 25 ms): polling every listing
 * that often would itself become the load, and the more so the staler the read model.
 *
 * <pre>java -cp CLASSPATH bench/OpenModel.java --base URL --listings FILE --tokens FILE
 *      --commands-per-second 500 --reads-per-second 5000 --seconds 30 --warmup-seconds 10</pre>
 * {@code --listings}: lines "id seller-index"; {@code --tokens}: one bearer token per line, by seller index.
 */
public class OpenModel {

    static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);
    static final double FRESHNESS_SAMPLES_PER_SECOND = 20;
    static final long FRESHNESS_FIRST_POLL_MILLIS = 2;
    static final long FRESHNESS_LONGEST_POLL_MILLIS = 25;

    /** What one kind of request did after the warm-up. */
    static final class Stream {
        final String name;
        final double perSecond;
        final Histogram micros = new Histogram(MAX_MICROS, 3);
        final AtomicLong errors = new AtomicLong();
        final Map<String, Long> errorKinds = new HashMap<>();
        long sent;

        Stream(String name, double perSecond) {
            this.name = name;
            this.perSecond = perSecond;
        }
    }

    final URI base;
    final List<String> ids = new ArrayList<>();
    final List<Integer> sellers = new ArrayList<>();
    final List<String> tokens;
    final Stream commands;
    final Stream reads;
    final Histogram freshness = new Histogram(MAX_MICROS, 3);
    final AtomicLong freshnessLost = new AtomicLong();
    final long freshnessEvery;
    final long seconds;
    final long warmupSeconds;
    final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    final HttpClient http;
    final AtomicLong inFlight = new AtomicLong();
    long startNanos;
    long measureFromNanos;
    long cents = ThreadLocalRandom.current().nextLong(1_000_000);

    OpenModel(Map<String, String> options) throws Exception {
        base = URI.create(options.getOrDefault("base", "http://127.0.0.1:8081"));
        for (String line : Files.readAllLines(Path.of(options.get("listings")))) {
            String[] parts = line.trim().split("\\s+");
            ids.add(parts[0]);
            sellers.add(Integer.parseInt(parts[1]));
        }
        tokens = Files.readAllLines(Path.of(options.get("tokens"))).stream().map(String::strip).toList();
        commands = new Stream("price changes", Double.parseDouble(options.getOrDefault("commands-per-second", "500")));
        reads = new Stream("GET /listings/{id}", Double.parseDouble(options.getOrDefault("reads-per-second", "5000")));
        freshnessEvery = Math.max(1, Math.round(commands.perSecond / FRESHNESS_SAMPLES_PER_SECOND));
        seconds = Long.parseLong(options.getOrDefault("seconds", "30"));
        warmupSeconds = Long.parseLong(options.getOrDefault("warmup-seconds", "10"));
        http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort())
                        .setKeepAlive(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(512).setMaxWaitQueueSize(-1));
    }

    public static void main(String[] args) throws Exception {
        var options = new HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new OpenModel(options).run();
        System.exit(0);
    }

    void run() throws Exception {
        var done = new CountDownLatch(1);
        startNanos = System.nanoTime();
        measureFromNanos = startNanos + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long endNanos = measureFromNanos + TimeUnit.SECONDS.toNanos(seconds);
        long[] issued = {0, 0};
        // Every millisecond, send what has fallen due since the last tick, each request with the
        // time it was due: a late tick adds to the latency of what it sends, as it should.
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            long until = Math.min(now, endNanos);
            issued[0] = sendDue(commands, issued[0], until, this::command);
            issued[1] = sendDue(reads, issued[1], until, this::read);
            if (now >= endNanos) {
                vertx.cancelTimer(timer);
                done.countDown();
            }
        });
        done.await();
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(10);
        }
        report();
    }

    interface Request {
        void send(long dueNanos);
    }

    long sendDue(Stream stream, long issued, long untilNanos, Request request) {
        long due;
        while ((due = dueNanos(stream.perSecond, issued)) <= untilNanos) {
            if (due >= measureFromNanos) {
                stream.sent++;
            }
            request.send(due);
            issued++;
        }
        return issued;
    }

    /**
     * When the {@code k}-th request of a stream is due. The rate ramps up linearly during the
     * warm-up (a cold JIT on both sides would otherwise start the run with a backlog that the
     * measured part inherits), then stays at {@code perSecond}.
     */
    long dueNanos(double perSecond, long k) {
        double warmup = warmupSeconds;
        double rampRequests = perSecond * warmup / 2;
        double seconds = k < rampRequests ? Math.sqrt(2 * k * warmup / perSecond) : warmup + (k - rampRequests) / perSecond;
        return startNanos + (long) (seconds * 1e9);
    }

    void command(long due) {
        int i = ThreadLocalRandom.current().nextInt(ids.size());
        long price = ++cents;
        String body = String.format(Locale.ROOT, "{\"amount\":\"%d.%02d\",\"currency\":\"EUR\"}", 100 + price / 100, price % 100);
        var options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/listings/" + ids.get(i) + "/price")
                .putHeader("Authorization", "Bearer " + tokens.get(sellers.get(i)))
                .putHeader("Content-Type", "application/json");
        boolean sample = price % freshnessEvery == 0 && due >= measureFromNanos;
        exchange(options, body).onComplete(answer -> {
            record(commands, due, answer);
            if (sample && answer.succeeded() && answer.result().status() == 200) {
                Matcher version = VERSION.matcher(answer.result().body());
                if (version.find()) {
                    awaitVisible(ids.get(i), Long.parseLong(version.group(1)), System.nanoTime());
                }
            }
        });
    }

    void read(long due) {
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        exchange(new RequestOptions().setMethod(HttpMethod.GET).setURI("/listings/" + id), null)
                .onComplete(answer -> record(reads, due, answer));
    }

    /** Polls the view until it shows {@code version}: the freshness of one command. */
    void awaitVisible(String id, long version, long acknowledged) {
        exchange(new RequestOptions().setMethod(HttpMethod.GET).setURI("/listings/" + id), null).onComplete(view -> {
            long now = System.nanoTime();
            if (view.succeeded() && view.result().status() == 200) {
                Matcher seen = VERSION.matcher(view.result().body());
                if (seen.find() && Long.parseLong(seen.group(1)) >= version) {
                    synchronized (freshness) {
                        freshness.recordValue(Math.min(MAX_MICROS, (now - acknowledged) / 1_000));
                    }
                    return;
                }
            }
            if (now - acknowledged > TimeUnit.SECONDS.toNanos(30)) {
                freshnessLost.incrementAndGet();
                return;
            }
            long waitedMillis = (now - acknowledged) / 1_000_000;
            long pause = Math.clamp(waitedMillis / 10, FRESHNESS_FIRST_POLL_MILLIS, FRESHNESS_LONGEST_POLL_MILLIS);
            vertx.setTimer(pause, timer -> awaitVisible(id, version, acknowledged));
        });
    }

    record Answer(int status, String body) {
    }

    Future<Answer> exchange(RequestOptions options, String body) {
        inFlight.incrementAndGet();
        return http.request(options)
                .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(content -> new Answer(response.statusCode(), content.toString())))
                .onComplete(ignored -> inFlight.decrementAndGet());
    }

    void record(Stream stream, long due, io.vertx.core.AsyncResult<Answer> answer) {
        if (due < measureFromNanos) {
            return;
        }
        long micros = Math.min(MAX_MICROS, (System.nanoTime() - due) / 1_000);
        synchronized (stream) {
            stream.micros.recordValue(micros);
            String error = answer.failed() ? answer.cause().getClass().getSimpleName()
                    : answer.result().status() >= 400 ? "HTTP " + answer.result().status() : null;
            if (error != null) {
                stream.errors.incrementAndGet();
                stream.errorKinds.merge(error, 1L, Long::sum);
            }
        }
    }

    void report() {
        System.out.printf(Locale.ROOT, "Open model: %d s measured after %d s of warm-up; latency from when each request was due.%n%n",
                seconds, warmupSeconds);
        System.out.println("| stream | offered /s | answered /s | p50 ms | p99 ms | p99.9 ms | max ms | errors |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Stream stream : List.of(commands, reads)) {
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %d |%n", stream.name, stream.perSecond,
                    stream.micros.getTotalCount() / (double) seconds, ms(stream.micros.getValueAtPercentile(50)),
                    ms(stream.micros.getValueAtPercentile(99)), ms(stream.micros.getValueAtPercentile(99.9)),
                    ms(stream.micros.getMaxValue()), stream.errors.get());
        }
        System.out.printf(Locale.ROOT, "| freshness: answer -> GET shows it | 1 in %d commands | %d samples | %.1f | %.1f | %.1f | %.1f | %d not seen in 30 s |%n",
                freshnessEvery, freshness.getTotalCount(), ms(freshness.getValueAtPercentile(50)),
                ms(freshness.getValueAtPercentile(99)), ms(freshness.getValueAtPercentile(99.9)), ms(freshness.getMaxValue()),
                freshnessLost.get());
        for (Stream stream : List.of(commands, reads)) {
            if (!stream.errorKinds.isEmpty()) {
                System.out.println(stream.name + " errors: " + stream.errorKinds);
            }
            if (stream.micros.getTotalCount() < stream.sent) {
                System.out.printf("%s: %d of %d requests unanswered at the end%n", stream.name,
                        stream.sent - stream.micros.getTotalCount(), stream.sent);
            }
        }
    }

    static double ms(long micros) {
        return micros / 1000.0;
    }
}
