package com.agilex.listings.platform;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Says at start-up when no key to verify bearer tokens is configured: the service would then
 * answer every command with 401, and an operator should learn why from the log, not from users.
 */
@Singleton
public class TokenVerificationCheck {

    private static final Logger LOG = Logger.getLogger(TokenVerificationCheck.class);

    void check(@Observes StartupEvent start,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> key) {
        if (keyLocation.isEmpty() && key.isEmpty()) {
            LOG.warn("No key to verify bearer tokens is configured: every command will be answered 401. "
                    + "Set MP_JWT_VERIFY_PUBLICKEY_LOCATION (a PEM file or a JWKS URL) and MP_JWT_VERIFY_ISSUER.");
        }
    }
}
