package com.agilex.listings.platform;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code listings.role} (LISTINGS_ROLE) into the settings of that role: which channels
 * and background work start. Its ordinal sits above application.properties and below the
 * environment and system properties, so an operator can still override any of them.
 */
public class RoleConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue value = context.getValue(Role.PROPERTY);
        Role role = Role.parse(value == null ? null : value.getValue());
        return List.of(new PropertiesConfigSource(role.settings(), "listings-role-" + role.name().toLowerCase(), ORDINAL));
    }
}
