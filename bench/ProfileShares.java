import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * bench/profile's reading of a CPU profile (async-profiler's collapsed stacks): the share of the
 * service's CPU each part of a request takes. Each sample goes to the deepest frame of its stack
 * that belongs to a known part, so time a library spends for its caller is the library's (the
 * SQL client's socket writes are the SQL client's, not the event store's). Kafka's own threads
 * (the profile names threads: async-profiler's {@code threads} option) are the relay's producer
 * and the projector's consumer. Which statements the SQL client's share was spent on, the
 * stacks cannot tell (its work runs on the connection's event loop): PostgreSQL's statement
 * statistics do, and bench/profile prints them next to this.
 *
 * <pre>java bench/ProfileShares.java FILE.collapsed [TITLE]</pre>
 */
public class ProfileShares {

    /** A part of the service and the frames that belong to it; the first part that matches a frame wins. */
    record Part(String name, Pattern frames) {
    }

    static final List<Part> PARTS = List.of(
            part("JIT compiler", "C2Compiler|C1Compiler|CompileBroker|Compile::"),
            part("GC", "G1|GCTaskThread|WorkerThread::run|ConcurrentGCThread"),
            part("JWT: parse, verify", "jose4j|io/smallrye/jwt|JWTAuthMechanism|sun/security/rsa|java/math/"),
            part("SQL client", "io/vertx/pgclient|io/vertx/sqlclient"),
            part("Kafka client", "org/apache/kafka"),
            part("Reactive Messaging", "smallrye/reactive/messaging"),
            part("OpenTelemetry", "opentelemetry"),
            part("Micrometer", "micrometer"),
            part("JSON (Jackson)", "com/fasterxml/jackson"),
            part("validation, decide, evolve (domain)", "com/agilex/listings/domain"),
            part("relay", "com/agilex/listings/relay"),
            part("projector", "com/agilex/listings/projection"),
            part("event store: load, append", "com/agilex/listings/eventstore|com/agilex/listings/command/ListingRepository"),
            part("command handling", "com/agilex/listings/command"),
            part("queries", "com/agilex/listings/query"),
            part("other project code", "com/agilex"),
            part("HTTP: Vert.x, Quarkus REST", "resteasy/reactive|io/quarkus/vertx/http|io/vertx/ext/web|io/vertx/core/http"),
            part("context propagation, CDI", "smallrye/context|io/quarkus/arc|VertxContextSafetyToggle"));

    /** Threads that work for one part whatever their stacks hold. */
    static final List<Part> THREADS = List.of(
            part("relay: Kafka producer thread", "kafka-producer-network-thread"),
            part("projector: Kafka consumer thread", "smallrye-kafka-consumer-thread|kafka-coordinator-heartbeat"));

    static Part part(String name, String frames) {
        return new Part(name, Pattern.compile(frames));
    }

    public static void main(String[] args) throws IOException {
        Map<String, Long> shares = new LinkedHashMap<>();
        long total = 0;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long samples = Long.parseLong(line.substring(space + 1).strip());
            String[] frames = line.substring(0, space).split(";");
            total += samples;
            shares.merge(ownerOf(frames), samples, Long::sum);
        }
        String title = args.length > 1 ? args[1] : args[0];
        System.out.printf(Locale.ROOT, "%n%s (%d samples)%n%n| part | share of the service's CPU |%n|---|---:|%n", title, total);
        long all = total;
        shares.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(share -> 1000 * share.getValue() >= 5 * all)
                .forEach(share -> System.out.printf(Locale.ROOT, "| %s | %.1f %% |%n", share.getKey(), 100.0 * share.getValue() / all));
        long small = shares.values().stream().filter(samples -> 1000 * samples < 5 * all).mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "| everything under 0.5 %% each | %.1f %% |%n", 100.0 * small / all);
    }

    static String ownerOf(String[] frames) {
        for (Part thread : THREADS) {
            if (thread.frames().matcher(frames[0]).find()) {
                return thread.name();
            }
        }
        for (int i = frames.length - 1; i >= 0; i--) {
            for (Part part : PARTS) {
                if (part.frames().matcher(frames[i]).find()) {
                    return part.name();
                }
            }
        }
        return frames[frames.length - 1].endsWith("_[k]") ? "kernel (network, scheduling)" : "JVM, Netty, Mutiny, other";
    }
}
