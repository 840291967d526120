package com.agilex.listings.platform;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Bearer tokens are verified with the identity provider's key, from its issuer, for this service's
 * audience. The {@code prod} profile does not start without all three: without a key every command
 * would be 401, and without an audience any token of a shared realm, made for another service,
 * would act here. Other profiles (dev, test, bench) only warn.
 */
@Singleton
public class TokenVerificationCheck {

    private static final Logger LOG = Logger.getLogger(TokenVerificationCheck.class);

    void check(@Observes StartupEvent start, Config config) {
        List<String> missing = missing(config);
        if (missing.isEmpty()) {
            return;
        }
        String message = "Bearer tokens cannot be verified as production needs: set " + String.join(", ", missing)
                + " (application.properties, Authentication)";
        if (config.unwrap(SmallRyeConfig.class).getProfiles().contains("prod")) {
            throw new IllegalStateException(message);
        }
        LOG.warn(message);
    }

    static List<String> missing(Config config) {
        var missing = new ArrayList<String>();
        if (blank(config, "mp.jwt.verify.publickey.location") && blank(config, "mp.jwt.verify.publickey")) {
            missing.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION (the provider's JWKS URL or a PEM file)");
        }
        if (blank(config, "mp.jwt.verify.issuer")) {
            missing.add("MP_JWT_VERIFY_ISSUER");
        }
        if (blank(config, "mp.jwt.verify.audiences")) {
            missing.add("MP_JWT_VERIFY_AUDIENCES (this service's audience)");
        }
        return missing;
    }

    private static boolean blank(Config config, String name) {
        return config.getOptionalValue(name, String.class).filter(value -> !value.isBlank()).isEmpty();
    }
}
