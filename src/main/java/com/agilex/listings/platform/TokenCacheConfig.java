package com.agilex.listings.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The cache of verified bearer tokens ({@link VerifiedTokenCache}). */
@ConfigMapping(prefix = "listings.auth.verified-tokens")
public interface TokenCacheConfig {

    /** How many verified tokens are kept; 0 verifies every request's token afresh. */
    @WithDefault("10000")
    int maxSize();

    /**
     * The longest a verified token is trusted without checking it again, within its own expiry:
     * how long a token stays accepted after its signing key is withdrawn from the key set.
     */
    @WithDefault("PT5M")
    Duration maxAge();
}
