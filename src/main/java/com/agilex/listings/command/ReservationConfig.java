package com.agilex.listings.command;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a reservation holds, how many one buyer may hold, and how often due ones are ended. */
@ConfigMapping(prefix = "listings.reservations")
public interface ReservationConfig {

    /** From the reservation to its expiry, unless the listing is sold or released before. */
    @WithDefault("PT24H")
    Duration hold();

    /** Reservations one buyer may hold at once; one more is refused with 409. */
    @WithDefault("5")
    int maxPerBuyer();

    /** How often each command process looks for reservations whose hold is over. */
    @WithDefault("PT10S")
    Duration sweepInterval();

    /** Reservations ended per sweep at most; the next sweep takes the rest. */
    @WithDefault("100")
    int sweepBatch();
}
