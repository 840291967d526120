package com.agilex.listings.platform;

import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A PostgreSQL LISTEN connection to the primary (quarkus.datasource.reactive.url): notifications
 * are sent there, and a replica does not relay them. It is made here, not by Quarkus, so it takes
 * the default datasource's TLS settings itself: without them it would connect in the clear where
 * every pooled connection uses verify-full (DatabaseTlsIT).
 */
public final class PrimaryNotifications {

    private static final String REACTIVE = "quarkus.datasource.reactive.";

    private PrimaryNotifications() {
    }

    public static PgSubscriber subscriber(Vertx vertx, String url, Optional<String> user, Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        withTls(options, ConfigProvider.getConfig());
        return PgSubscriber.subscriber(vertx, options);
    }

    /** The TLS settings of quarkus.datasource.reactive.* that the service uses (deploy/config/config.yaml). */
    static void withTls(PgConnectOptions options, Config config) {
        config.getOptionalValue(REACTIVE + "postgresql.ssl-mode", String.class).map(SslMode::of).ifPresent(options::setSslMode);
        config.getOptionalValue(REACTIVE + "hostname-verification-algorithm", String.class)
                .filter(algorithm -> !algorithm.equalsIgnoreCase("NONE")).ifPresent(options::setHostnameVerificationAlgorithm);
        config.getOptionalValue(REACTIVE + "trust-all", Boolean.class).ifPresent(options::setTrustAll);
        if (config.getOptionalValue(REACTIVE + "trust-certificate-pem", Boolean.class).orElse(false)) {
            var trusted = new PemTrustOptions();
            config.getOptionalValues(REACTIVE + "trust-certificate-pem.certs", String.class).orElse(List.of()).forEach(trusted::addCertPath);
            options.setPemTrustOptions(trusted);
        }
    }
}
