package com.agilex.listings.platform;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code listings.role} (LISTINGS_ROLE) into the settings of that role: the
 * {@link RolePart}s it does not run are switched off. Its ordinal sits above application.properties and below the
 * environment and system properties, so an operator can still override any of them.
 */
public class RoleConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        // Quarkus runs config source factories while it builds too, and records what they give as
        // the artifact's defaults: a LISTINGS_ROLE set where the build ran would then linger under
        // every other role (a query process with the command role's inactive read datasource). The role is a run-time choice.
        if (ExecutionMode.current() == ExecutionMode.UNSET) {
            return List.of();
        }
        ConfigValue value = context.getValue(Role.PROPERTY);
        Role role = Role.parse(value == null ? null : value.getValue());
        var parts = ServiceLoader.load(RolePart.class, RoleConfigSourceFactory.class.getClassLoader());
        return List.of(new PropertiesConfigSource(role.settings(parts), "listings-role-" + role.label(), ORDINAL));
    }
}
