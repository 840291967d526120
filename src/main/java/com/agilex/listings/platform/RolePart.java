package com.agilex.listings.platform;

import java.util.Map;
import java.util.Set;

/**
 * A part of the service that only some roles run (the relay, the projector, the read
 * datasource): which roles, and the settings that switch it off in the others. Each module
 * declares its parts itself, listed in {@code META-INF/services/com.agilex.listings.platform.RolePart}:
 * {@link RoleConfigSourceFactory} reads them with {@link java.util.ServiceLoader} because
 * configuration is settled before CDI starts.
 */
public interface RolePart {

    /** The roles that run this part ({@link Role#ALL} runs every part). */
    Set<Role> runIn();

    /** The settings that switch this part off where it does not run. */
    Map<String, String> off();

    /** The setting that turns one of our health checks on or off (SmallRye Health, by class). */
    static String checkEnabled(Class<?> check) {
        return "quarkus.smallrye-health.check.\"" + check.getName() + "\".enabled";
    }

    /** The setting that turns a messaging channel on or off. */
    static String channelEnabled(String direction, String channel) {
        return "mp.messaging." + direction + "." + channel + ".enabled";
    }
}
