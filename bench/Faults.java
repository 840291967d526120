import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * bench/faults's driver: breaks bin/topology one fault at a time under a constant load and then
 * checks, from the event store, the Kafka topic and the read model, that nothing acknowledged was
 * lost or applied twice.
 *
 * <p>The load: sellers that each create a listing, publish it and change its price, one command a
 * second each, sent to the command processes in turn; and reads with {@code minVersion} of what
 * was acknowledged, sent to the query processes in turn. The driver is its own front: a failed
 * command is retried with the same {@code Idempotency-Key} after at most 1 s, for up to 90 s; a
 * process that did not answer is skipped for 5 s (a passive health check). A
 * command counts as acknowledged when a 2xx answer gave its version.
 *
 * <p>Each fault: inject, hold, recover (through bin/topology), then wait until every process is
 * ready and the read model on the replica shows every command acknowledged so far, then settle.
 *
 * <pre>java -cp CLASSPATH bench/Faults.java --tokens FILE --admin-token FILE [--sellers 10]
 *      [--hold 15] [--settle 5] [--warmup 20] [--faults all|name,name]</pre>
 * Exits 1 when an invariant fails: an acknowledged command missing from the store, Kafka or the
 * read model; an event published under two ids; a stale read; a consistency difference.
 */
public class Faults {

    static final List<String> COMMAND_PROCESSES = List.of("command-1:8101", "command-2:8102");
    static final List<String> PROJECTOR_PROCESSES = List.of("projector-1:8111", "projector-2:8112");
    static final List<String> QUERY_PROCESSES = List.of("query-1:8121", "query-2:8122");
    static final String PRIMARY = "jdbc:postgresql://127.0.0.1:5434/listings";
    static final String REPLICA = "jdbc:postgresql://127.0.0.1:5435/listings";
    static final String TOPIC = "topology.listings.events";
    static final int PRICE_CHANGES = 6;
    /** listings.relay.leadership-timeout as the topology runs it (the default). */
    static final Duration LEADERSHIP_TIMEOUT = Duration.ofSeconds(10);
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);
    static final Duration CAUGHT_UP_WITHIN = Duration.ofSeconds(180);
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

    /** A command the client saw acknowledged, and when the read model on the replica first showed it. */
    static final class Ack {
        final UUID listing;
        final long version;
        final String token;
        final long ackedAt;
        final Window window;
        volatile long visibleAt;

        Ack(UUID listing, long version, String token, Window window) {
            this.listing = listing;
            this.version = version;
            this.token = token;
            this.window = window;
            this.ackedAt = System.nanoTime();
        }
    }

    /** What happened from one fault's injection to the next one's (the first window has no fault). */
    static final class Window {
        final String fault;
        final long injectedAt = System.nanoTime();
        volatile long recoveredAt;
        volatile long readyAt;
        volatile long caughtUpAt;
        final LongAdder offered = new LongAdder();
        final LongAdder acked = new LongAdder();
        final LongAdder failedClear = new LongAdder();
        final LongAdder failedUnclear = new LongAdder();
        final LongAdder retried = new LongAdder();
        final LongAdder readsOk = new LongAdder();
        final LongAdder readsNotCaughtUp = new LongAdder();
        final LongAdder readsFailed = new LongAdder();
        final LongAdder staleReads = new LongAdder();
        final AtomicLong longestWithoutAck = new AtomicLong();
        final AtomicLong slowestCommand = new AtomicLong();
        final List<Ack> acks = new CopyOnWriteArrayList<>();
        volatile double relayLagPeak;
        final Map<String, Long> failures = new ConcurrentHashMap<>();

        Window(String fault) {
            this.fault = fault;
        }
    }

    /** One seller's listing: created, published, then its price changed; then the next listing. */
    static final class Seller {
        final String token;
        UUID listing;
        long step;
        boolean busy;

        Seller(String token) {
            this.token = token;
        }
    }

    /** One event's place: a listing's stream and a version in it. */
    record StreamVersion(UUID listing, long version) {
    }

    record Command(String method, String path, String body, String key) {
    }

    record Answer(int status, String etag, String retryAfter, String contentType, String body) {
    }

    /** A fault: what breaks it, how long it stays broken, what mends it. */
    record Fault(String name, Runnable inject, Duration hold, Runnable recover) {
    }

    final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    final HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2_000),
            new PoolOptions().setHttp1MaxSize(32).setMaxWaitQueueSize(-1));
    final List<Seller> sellers = new ArrayList<>();
    final String adminToken;
    final Duration hold;
    final Duration settle;
    final Duration warmup;
    final Set<String> chosen;
    final List<Window> windows = new CopyOnWriteArrayList<>();
    final Set<Ack> invisible = ConcurrentHashMap.newKeySet();
    final List<Ack> recent = new CopyOnWriteArrayList<>();
    final Map<String, Long> downUntil = new ConcurrentHashMap<>();
    final AtomicInteger nextCommandProcess = new AtomicInteger();
    final AtomicInteger nextQueryProcess = new AtomicInteger();
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong lastAckAt = new AtomicLong(System.nanoTime());
    final Path log = Path.of("bench/target/faults/topology.log");
    volatile Window current;
    volatile boolean loading = true;
    volatile Ack lastCreate;
    volatile Ack heldListing;
    volatile Connection heldTransaction;
    Faults(Map<String, String> options) throws IOException {
        List<String> tokens = Files.readAllLines(Path.of(options.get("tokens"))).stream().map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        int count = Integer.parseInt(options.getOrDefault("sellers", "10"));
        if (tokens.size() < count) {
            throw new IllegalArgumentException("--tokens has " + tokens.size() + " tokens for " + count + " sellers");
        }
        tokens.subList(0, count).forEach(token -> sellers.add(new Seller(token)));
        adminToken = Files.readString(Path.of(options.get("admin-token"))).strip();
        hold = Duration.ofSeconds(Long.parseLong(options.getOrDefault("hold", "15")));
        settle = Duration.ofSeconds(Long.parseLong(options.getOrDefault("settle", "5")));
        warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "20")));
        chosen = new HashSet<>(Arrays.asList(options.getOrDefault("faults", "all").split(",")));
    }

    public static void main(String[] args) throws Exception {
        var options = new HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        boolean held = new Faults(options).run();
        System.exit(held ? 0 : 1);
    }

    // ---------------------------------------------------------------- the faults

    List<Fault> faults() {
        String[] target = new String[1];
        var all = List.of(
                new Fault("kill -9 of the leading relay's command process",
                        () -> topology("kill", target[0] = leader()), hold, () -> topology("start", target[0])),
                new Fault("kill -9 of the other command process",
                        () -> topology("kill", target[0] = follower()), hold, () -> topology("start", target[0])),
                new Fault("kill -9 of a projector", () -> topology("kill", "projector-1"), hold, () -> topology("start", "projector-1")),
                new Fault("kill -9 of a query process", () -> topology("kill", "query-1"), hold, () -> topology("start", "query-1")),
                new Fault("Kafka stopped", () -> topology("stop", "kafka"), hold, () -> topology("start", "kafka")),
                new Fault("PostgreSQL primary crashed and restarted", () -> topology("kill", "primary"), Duration.ofSeconds(5),
                        () -> topology("start", "primary")),
                new Fault("the replica stopped", () -> topology("stop", "replica"), hold, () -> topology("start", "replica")),
                new Fault("the leading relay stalled (SIGSTOP) past its leadership timeout",
                        () -> topology("pause", target[0] = leader()), max(hold, LEADERSHIP_TIMEOUT.plusSeconds(2)),
                        () -> topology("resume", target[0])),
                new Fault("a projector stalled (SIGSTOP)", () -> topology("pause", "projector-2"), hold,
                        () -> topology("resume", "projector-2")),
                new Fault("a query process stalled (SIGSTOP)", () -> topology("pause", "query-2"), hold, () -> topology("resume", "query-2")),
                new Fault("a write transaction held open 30 s", this::openTransaction, Duration.ofSeconds(30), this::commitTransaction));
        return all.stream().filter(fault -> chosen.contains("all") || chosen.contains(slug(fault.name()))).toList();
    }

    static Duration max(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** Runs bin/topology with its output in bench/target/faults/topology.log; a failure stops the run. */
    void topology(String... args) {
        var command = new ArrayList<>(List.of("bin/topology"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("bin/topology " + String.join(" ", args) + " failed (see " + log + ")");
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    String leader() {
        return commandProcessLeading(true);
    }

    String follower() {
        return commandProcessLeading(false);
    }

    /** The command process whose listings_relay_leader gauge is (or is not) 1, waiting up to 30 s for a leader. */
    String commandProcessLeading(boolean leading) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (String process : COMMAND_PROCESSES) {
                String metrics = get(port(process), "/q/metrics");
                if (metrics != null && metrics.lines().anyMatch(line -> line.startsWith("listings_relay_leader") && line.endsWith(" 1.0")) == leading) {
                    return name(process);
                }
            }
            pause(Duration.ofMillis(500));
        }
        throw new IllegalStateException("no command process " + (leading ? "leads" : "waits"));
    }

    /**
     * Opens a transaction on the primary that appends a listing's first event (copied from one the
     * run created) and leaves it open: the relay's gap-safe read must wait for it, then publish it.
     */
    void openTransaction() {
        try {
            Ack first = Objects.requireNonNull(lastCreate, "no listing created yet");
            heldTransaction = DriverManager.getConnection(PRIMARY, "listings", "listings");
            heldTransaction.setAutoCommit(false);
            UUID listing = UUID.randomUUID();
            try (PreparedStatement insert = heldTransaction.prepareStatement("""
                    INSERT INTO events (stream_id, version, event_id, event_type, schema_version, data, metadata)
                    SELECT ?, 1, ?, event_type, schema_version, data, metadata FROM events WHERE stream_id = ? AND version = 1""")) {
                insert.setObject(1, listing);
                insert.setObject(2, UUID.randomUUID());
                insert.setObject(3, first.listing);
                insert.executeUpdate();
            }
            heldListing = new Ack(listing, 1, first.token, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void commitTransaction() {
        try (Connection connection = heldTransaction) {
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // Acknowledged at its commit, like a command: it must reach Kafka and the read model.
        acknowledged(new Ack(heldListing.listing, 1, heldListing.token, current));
    }

    // ---------------------------------------------------------------- the run

    boolean run() throws Exception {
        Files.createDirectories(log.getParent());
        current = newWindow("none (the warm-up, from cold processes)");
        long commandTimer = vertx.setPeriodic(1000 / sellers.size() + 1, tick -> nextCommand());
        long readTimer = vertx.setPeriodic(1000 / sellers.size() + 1, tick -> nextRead());
        long lagTimer = vertx.setPeriodic(500, tick -> sampleRelayLag());
        Thread visibility = Thread.ofPlatform().daemon().start(this::watchVisibility);
        pause(warmup);
        for (Fault fault : faults()) {
            System.err.printf(Locale.ROOT, "[faults] %s%n", fault.name());
            Window window = current = newWindow(fault.name());
            fault.inject().run();
            pause(fault.hold());
            fault.recover().run();
            window.recoveredAt = System.nanoTime();
            await(this::allReady, Duration.ofSeconds(180), "every process ready after: " + fault.name());
            window.readyAt = System.nanoTime();
            await(() -> caughtUp(window.recoveredAt), CAUGHT_UP_WITHIN, "the read model caught up after: " + fault.name());
            window.caughtUpAt = System.nanoTime();
            pause(settle);
        }
        loading = false;
        vertx.cancelTimer(commandTimer);
        vertx.cancelTimer(readTimer);
        await(() -> inFlight.get() == 0, GIVE_UP_AFTER.plusSeconds(10), "the last commands answered");
        vertx.cancelTimer(lagTimer);
        await(() -> invisible.isEmpty(), CAUGHT_UP_WITHIN, "the read model caught up at the end");
        visibility.interrupt();
        return new Verdict(this).check();
    }

    Window newWindow(String fault) {
        Window window = new Window(fault);
        windows.add(window);
        return window;
    }

    boolean allReady() {
        for (String process : concat(COMMAND_PROCESSES, PROJECTOR_PROCESSES, QUERY_PROCESSES)) {
            if (status(port(process), "/q/health/ready") != 200) {
                return false;
            }
        }
        return true;
    }

    boolean caughtUp(long acknowledgedBefore) {
        return invisible.stream().noneMatch(ack -> ack.ackedAt < acknowledgedBefore);
    }

    // ---------------------------------------------------------------- the load

    int nextSeller;

    /** Each tick, the next idle seller sends its next command (the event loop's thread only). */
    void nextCommand() {
        if (!loading) {
            return;
        }
        Seller seller = sellers.get(nextSeller++ % sellers.size());
        if (seller.busy) {
            return;
        }
        seller.busy = true;
        Command command = next(seller);
        Window window = current;
        window.offered.increment();
        inFlight.incrementAndGet();
        attempt(seller, command, window, System.nanoTime(), nextCommandProcess.getAndIncrement());
    }

    Command next(Seller seller) {
        String key = UUID.randomUUID().toString();
        if (seller.listing == null) {
            int euros = 100 + ThreadLocalRandom.current().nextInt(900);
            return new Command("POST", "/listings", """
                    {"title":"Fault run bike","description":"54 cm frame","category":"bikes","price":{"amount":"%d.00","currency":"EUR"}}"""
                    .formatted(euros), key);
        }
        if (seller.step == 1) {
            return new Command("POST", "/listings/" + seller.listing + "/publish", null, key);
        }
        int euros = 100 + ThreadLocalRandom.current().nextInt(900);
        return new Command("POST", "/listings/" + seller.listing + "/price", """
                {"amount":"%d.00","currency":"EUR"}""".formatted(euros), key);
    }

    /**
     * One attempt on command process number {@code turn}, or the next one that is not marked down.
     * As a front would: a retry after no answer goes to the other process, a retry after an answer
     * (a 409 or 503 from a live process) to the same one.
     */
    void attempt(Seller seller, Command command, Window window, long firstAt, int turn) {
        String process = pick(COMMAND_PROCESSES, turn);
        var request = new RequestOptions().setMethod(HttpMethod.valueOf(command.method()))
                .setAbsoluteURI("http://127.0.0.1:" + port(process) + command.path()).setTimeout(5_000)
                .putHeader("Authorization", "Bearer " + seller.token).putHeader("Idempotency-Key", command.key());
        if (command.body() != null) {
            request.putHeader("Content-Type", "application/json");
        }
        send(request, command.body()).onComplete(result -> {
            Answer answer = result.succeeded() ? result.result() : null;
            if (answer != null && answer.status() / 100 == 2) {
                UUID listing = seller.listing != null ? seller.listing : UUID.fromString(match(ID, answer.body()));
                long version = Long.parseLong(answer.etag().replaceAll("[^0-9]", ""));
                acknowledged(new Ack(listing, version, seller.token, window));
                window.slowestCommand.accumulateAndGet(System.nanoTime() - firstAt, Math::max);
                seller.listing = listing;
                seller.step = seller.step >= PRICE_CHANGES ? 0 : seller.step + 1;
                if (seller.step == 0) {
                    seller.listing = null;
                }
                finished(seller);
                return;
            }
            if (answer == null) {
                markDown(process);
            }
            String failure = answer == null ? result.cause().getClass().getSimpleName()
                    : answer.status() + " " + Objects.requireNonNullElse(problemType(answer), "(no problem type)");
            if (retryable(answer) && System.nanoTime() - firstAt < GIVE_UP_AFTER.toNanos()) {
                window.retried.increment();
                window.failures.merge("retried: " + failure, 1L, Long::sum);
                long delay = Math.min(1_000, answer == null || answer.retryAfter() == null ? 200 : Long.parseLong(answer.retryAfter()) * 1_000);
                vertx.setTimer(Math.max(delay, 100), timer -> attempt(seller, command, window, firstAt, answer == null ? turn + 1 : turn));
                return;
            }
            (answer != null && problemType(answer) != null ? window.failedClear : window.failedUnclear).increment();
            window.failures.merge("failed: " + failure, 1L, Long::sum);
            // Whether it was applied is unknown (that is what the key was for): start a new listing.
            seller.listing = null;
            seller.step = 0;
            finished(seller);
        });
    }

    void finished(Seller seller) {
        seller.busy = false;
        inFlight.decrementAndGet();
    }

    static boolean retryable(Answer answer) {
        if (answer == null) {
            return true; // no answer: refused, reset or timed out; the key makes the retry safe
        }
        String type = String.valueOf(problemType(answer));
        return answer.status() >= 500 || answer.status() == 429 || type.endsWith("idempotency-key-in-use");
    }

    void acknowledged(Ack ack) {
        // A write outage shows as a stretch with no acknowledgement at all, whatever the retries did.
        current.longestWithoutAck.accumulateAndGet(ack.ackedAt - lastAckAt.getAndSet(ack.ackedAt), Math::max);
        ack.window.acked.increment();
        ack.window.acks.add(ack);
        invisible.add(ack);
        if (ack.version == 1) {
            lastCreate = ack;
            return; // a draft: not public, so not read
        }
        recent.add(ack);
        if (recent.size() > 200) {
            recent.remove(0);
        }
    }

    /** A read of something acknowledged, with minVersion: never older than that version. */
    void nextRead() {
        if (!loading || recent.isEmpty()) {
            return;
        }
        Ack ack = recent.get(ThreadLocalRandom.current().nextInt(recent.size()));
        read(ack, current, nextQueryProcess.getAndIncrement(), true);
    }

    /** A read that gets no answer (a process down or stalled) goes once to the other query process, as a front would send it. */
    void read(Ack ack, Window window, int turn, boolean first) {
        String process = pick(QUERY_PROCESSES, turn);
        var request = new RequestOptions().setMethod(HttpMethod.GET).setTimeout(3_000)
                .setAbsoluteURI("http://127.0.0.1:" + port(process) + "/listings/" + ack.listing + "?minVersion=" + ack.version)
                .putHeader("Authorization", "Bearer " + ack.token);
        send(request, null).onComplete(result -> {
            Answer answer = result.succeeded() ? result.result() : null;
            if (answer == null) {
                markDown(process);
            }
            if (answer == null && first) {
                read(ack, window, turn + 1, false);
            } else if (answer != null && answer.status() == 200) {
                if (Long.parseLong(match(VERSION, answer.body())) < ack.version) {
                    window.staleReads.increment();
                } else {
                    window.readsOk.increment();
                }
            } else if (answer != null && answer.status() == 503 && String.valueOf(problemType(answer)).endsWith("not-caught-up")) {
                window.readsNotCaughtUp.increment();
            } else {
                window.readsFailed.increment();
                window.failures.merge("read failed: " + (answer == null ? result.cause().getClass().getSimpleName()
                        : answer.status() + " " + Objects.requireNonNullElse(problemType(answer), "(no problem type)")), 1L, Long::sum);
            }
        });
    }

    /**
     * The front's passive health check (as nginx's max_fails=1 fail_timeout=5s): a process that did
     * not answer gets no new request for 5 s, unless every process of its role is marked down.
     */
    String pick(List<String> processes, int turn) {
        long now = System.nanoTime();
        for (int i = 0; i < processes.size(); i++) {
            String process = processes.get(Math.floorMod(turn + i, processes.size()));
            if (downUntil.getOrDefault(process, 0L) < now) {
                return process;
            }
        }
        return processes.get(Math.floorMod(turn, processes.size()));
    }

    void markDown(String process) {
        downUntil.put(process, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    }

    Future<Answer> send(RequestOptions request, String body) {
        return http.request(request)
                .compose(sent -> body == null ? sent.send() : sent.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(content -> new Answer(response.statusCode(), response.getHeader("ETag"),
                        response.getHeader("Retry-After"), response.getHeader("Content-Type"), content.toString())));
    }

    static String problemType(Answer answer) {
        if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
            return null;
        }
        Matcher type = PROBLEM_TYPE.matcher(answer.body());
        return type.find() ? type.group(1) : "about:blank";
    }

    // ---------------------------------------------------------------- watching

    /** Every 250 ms: which acknowledged commands the read model on the replica shows now. */
    void watchVisibility() {
        Connection replica = null;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (replica == null || replica.isClosed()) {
                    replica = DriverManager.getConnection(REPLICA, connectionProperties());
                }
                var wanted = new HashMap<UUID, List<Ack>>();
                invisible.forEach(ack -> wanted.computeIfAbsent(ack.listing, id -> new ArrayList<>()).add(ack));
                if (!wanted.isEmpty()) {
                    Map<UUID, Long> versions = viewVersions(replica, wanted.keySet());
                    long now = System.nanoTime();
                    wanted.forEach((listing, acks) -> acks.stream().filter(ack -> versions.getOrDefault(listing, 0L) >= ack.version)
                            .forEach(ack -> {
                                ack.visibleAt = now;
                                invisible.remove(ack);
                            }));
                }
            } catch (SQLException unavailable) {
                replica = null; // the replica is down (a fault): try again at the next turn
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static Properties connectionProperties() {
        var properties = new Properties();
        properties.setProperty("user", "listings");
        properties.setProperty("password", "listings");
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "5");
        return properties;
    }

    static Map<UUID, Long> viewVersions(Connection connection, Set<UUID> listings) throws SQLException {
        var versions = new HashMap<UUID, Long>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, version FROM listing_view WHERE id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("uuid", listings.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    versions.put(rows.getObject(1, UUID.class), rows.getLong(2));
                }
            }
        }
        return versions;
    }

    /** The highest listings_relay_lag_seconds of the command processes that answer, per window. */
    void sampleRelayLag() {
        Window window = current;
        for (String process : COMMAND_PROCESSES) {
            http.request(new RequestOptions().setMethod(HttpMethod.GET).setTimeout(1_000)
                            .setAbsoluteURI("http://127.0.0.1:" + port(process) + "/q/metrics"))
                    .compose(request -> request.send().compose(response -> response.body()))
                    .onSuccess(body -> body.toString().lines().filter(line -> line.startsWith("listings_relay_lag_seconds"))
                            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).max()
                            .ifPresent(lag -> window.relayLagPeak = Math.max(window.relayLagPeak, lag)));
        }
    }

    // ---------------------------------------------------------------- the verdict

    /** The checks after the run, and the report. */
    static final class Verdict {
        final Faults run;
        final List<String> broken = new ArrayList<>();
        final Map<UUID, Map<Long, UUID>> stored = new HashMap<>();
        final Map<UUID, Long> records = new HashMap<>();
        final Map<StreamVersion, Set<UUID>> idsByStreamVersion = new HashMap<>();
        final Map<UUID, Long> primaryViews;
        final Map<UUID, Long> replicaViews;

        Verdict(Faults run) throws SQLException {
            this.run = run;
            Set<UUID> listings = new HashSet<>();
            run.windows.forEach(window -> window.acks.forEach(ack -> listings.add(ack.listing)));
            try (Connection primary = DriverManager.getConnection(PRIMARY, connectionProperties());
                    Connection replica = DriverManager.getConnection(REPLICA, connectionProperties())) {
                try (PreparedStatement select = primary.prepareStatement(
                        "SELECT stream_id, version, event_id FROM events WHERE stream_id = ANY (?) ORDER BY stream_id, version")) {
                    select.setArray(1, primary.createArrayOf("uuid", listings.toArray()));
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            stored.computeIfAbsent(rows.getObject(1, UUID.class), id -> new HashMap<>()).put(rows.getLong(2),
                                    rows.getObject(3, UUID.class));
                        }
                    }
                }
                primaryViews = viewVersions(primary, listings);
                replicaViews = viewVersions(replica, listings);
            }
            readTopic(listings);
        }

        /** Every record of the topology's topic for these listings: how often each event id, and which ids per (listing, version). */
        void readTopic(Set<UUID> listings) {
            var properties = new Properties();
            properties.setProperty("bootstrap.servers", "127.0.0.1:9092");
            properties.setProperty("key.deserializer", StringDeserializer.class.getName());
            properties.setProperty("value.deserializer", StringDeserializer.class.getName());
            properties.setProperty("enable.auto.commit", "false");
            try (var consumer = new KafkaConsumer<String, String>(properties)) {
                List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                        .map(partition -> new TopicPartition(TOPIC, partition.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                        UUID listing = UUID.fromString(record.key());
                        if (listings.contains(listing)) {
                            UUID id = UUID.fromString(header(record, "ce_id"));
                            long version = Long.parseLong(header(record, "ce_streamversion"));
                            records.merge(id, 1L, Long::sum);
                            idsByStreamVersion.computeIfAbsent(new StreamVersion(listing, version), key -> new HashSet<>()).add(id);
                        }
                    }
                }
            }
        }

        static String header(ConsumerRecord<String, String> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null ? "0" : new String(header.value(), StandardCharsets.UTF_8);
        }

        UUID eventIdOf(Ack ack) {
            return stored.getOrDefault(ack.listing, Map.of()).get(ack.version);
        }

        boolean lost(Ack ack) {
            UUID id = eventIdOf(ack);
            return id == null || !records.containsKey(id) || primaryViews.getOrDefault(ack.listing, 0L) < ack.version
                    || replicaViews.getOrDefault(ack.listing, 0L) < ack.version;
        }

        boolean duplicated(Ack ack) {
            UUID id = eventIdOf(ack);
            Set<UUID> ids = idsByStreamVersion.get(new StreamVersion(ack.listing, ack.version));
            return id != null && ids != null && (ids.size() > 1 || !ids.contains(id));
        }

        long redelivered(Ack ack) {
            UUID id = eventIdOf(ack);
            return id == null ? 0 : Math.max(0, records.getOrDefault(id, 0L) - 1);
        }

        boolean check() {
            checkStreams();
            checkConsistency();
            report();
            if (broken.isEmpty()) {
                System.out.println();
                System.out.println("Every invariant held.");
                return true;
            }
            System.out.println();
            broken.forEach(failure -> System.out.println("FAILED: " + failure));
            return false;
        }

        /** Every stream 1..n without a hole; every stored event on Kafka under its own id only; each view at its stream's last version. */
        void checkStreams() {
            stored.forEach((listing, versions) -> {
                long last = versions.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
                if (versions.size() != last) {
                    broken.add("listing " + listing + " has versions " + versions.keySet() + ": not 1.." + last);
                }
                versions.forEach((version, id) -> {
                    if (!records.containsKey(id)) {
                        broken.add("event " + id + " (" + listing + " v" + version + ") is in the store and not on Kafka");
                    }
                });
                if (!Long.valueOf(last).equals(primaryViews.get(listing)) || !Long.valueOf(last).equals(replicaViews.get(listing))) {
                    broken.add("listing " + listing + " is at v" + last + " in the store, v" + primaryViews.get(listing)
                            + " in the primary's view, v" + replicaViews.get(listing) + " on the replica");
                }
            });
            idsByStreamVersion.forEach((key, ids) -> {
                if (ids.size() > 1) {
                    broken.add("one listing version was published under " + ids.size() + " event ids: " + ids);
                }
            });
        }

        void checkConsistency() {
            String report = run.getWithToken(8111, "/admin/consistency", run.adminToken);
            if (report == null) {
                broken.add("GET /admin/consistency did not answer");
                return;
            }
            Matcher differences = Pattern.compile("\"differenceCount\"\\s*:\\s*(\\d+)").matcher(report);
            Matcher behind = Pattern.compile("\"behind\"\\s*:\\s*(\\d+)").matcher(report);
            consistency = report;
            if (!differences.find() || !differences.group(1).equals("0") || !behind.find() || !behind.group(1).equals("0")) {
                broken.add("GET /admin/consistency: " + report);
            }
        }

        String consistency;

        void report() {
            System.out.println("| fault | commands offered | acknowledged | failed (clear error) | failed (no clear error) | lost | duplicated "
                    + "| published again (same id) | longest with no command acknowledged | slowest acknowledged command | all ready after | read side caught up after | read lag peak "
                    + "| relay lag peak (metric) | reads ok / 503 not-caught-up / failed | stale reads |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            long lostTotal = 0;
            long duplicatedTotal = 0;
            for (Window window : run.windows) {
                long lost = window.acks.stream().filter(this::lost).count();
                long duplicated = window.acks.stream().filter(this::duplicated).count();
                long redelivered = window.acks.stream().mapToLong(this::redelivered).sum();
                double lagPeak = window.acks.stream().filter(ack -> ack.visibleAt > 0)
                        .mapToDouble(ack -> (ack.visibleAt - ack.ackedAt) / 1e9).max().orElse(0);
                lostTotal += lost;
                duplicatedTotal += duplicated;
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %s | %s | %s | %s | %.2f s | %.1f s | %d / %d / %d | %d |%n",
                        window.fault, window.offered.sum(), window.acked.sum(), window.failedClear.sum(), window.failedUnclear.sum(), lost,
                        duplicated, redelivered, seconds(window.longestWithoutAck.get()), seconds(window.slowestCommand.get()),
                        window.recoveredAt == 0 ? "–" : seconds(window.readyAt - window.recoveredAt),
                        window.recoveredAt == 0 ? "–" : seconds(window.caughtUpAt - window.recoveredAt), lagPeak, window.relayLagPeak,
                        window.readsOk.sum(), window.readsNotCaughtUp.sum(), window.readsFailed.sum(), window.staleReads.sum());
                if (window.acked.sum() == 0) {
                    broken.add("no command was acknowledged during: " + window.fault + " (the run proves nothing without load)");
                }
                if (window.staleReads.sum() > 0) {
                    broken.add(window.staleReads.sum() + " reads with minVersion answered an older version during: " + window.fault);
                }
            }
            if (lostTotal > 0) {
                broken.add(lostTotal + " acknowledged commands lost (missing from the store, Kafka or a read model)");
            }
            if (duplicatedTotal > 0) {
                broken.add(duplicatedTotal + " acknowledged commands published under another event id");
            }
            System.out.println();
            System.out.println("Command attempts retried, commands given up and reads failed, by answer:");
            var failures = new HashMap<String, Long>();
            run.windows.forEach(window -> window.failures.forEach((kind, count) -> failures.merge(kind, count, Long::sum)));
            failures.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> System.out.printf(Locale.ROOT, "- %s: %d%n", entry.getKey(), entry.getValue()));
            long events = stored.values().stream().mapToLong(Map::size).sum();
            System.out.printf(Locale.ROOT, "%nListings %d, events in the store %d, records on Kafka %d (distinct event ids %d); "
                    + "GET /admin/consistency: %s%n", stored.size(), events, records.values().stream().mapToLong(Long::longValue).sum(),
                    records.size(), consistency);
        }

        static String seconds(long nanos) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        }
    }

    // ---------------------------------------------------------------- small helpers

    /** A blocking GET for the driver's thread (never the event loop): the body of a 200, or null. */
    String get(int port, String path) {
        return getWithToken(port, path, null);
    }

    String getWithToken(int port, String path, String token) {
        var request = new RequestOptions().setMethod(HttpMethod.GET).setTimeout(30_000).setAbsoluteURI("http://127.0.0.1:" + port + path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        try {
            Answer answer = send(request, null).toCompletionStage().toCompletableFuture().get(35, TimeUnit.SECONDS);
            return answer.status() == 200 ? answer.body() : null;
        } catch (Exception unanswered) {
            return null;
        }
    }

    int status(int port, String path) {
        try {
            return send(new RequestOptions().setMethod(HttpMethod.GET).setTimeout(2_000).setAbsoluteURI("http://127.0.0.1:" + port + path), null)
                    .toCompletionStage().toCompletableFuture().get(3, TimeUnit.SECONDS).status();
        } catch (Exception unanswered) {
            return 0;
        }
    }

    static void await(BooleanSupplier condition, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + within.toSeconds() + " s: " + what);
            }
            pause(Duration.ofMillis(100));
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return matcher.group(1);
    }

    static int port(String process) {
        return Integer.parseInt(process.substring(process.indexOf(':') + 1));
    }

    static String name(String process) {
        return process.substring(0, process.indexOf(':'));
    }

    @SafeVarargs
    static List<String> concat(List<String>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
