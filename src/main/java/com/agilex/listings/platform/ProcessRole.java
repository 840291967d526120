package com.agilex.listings.platform;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The role of this process, parsed once from {@code listings.role}, and the routes it serves: inject {@link Role}, {@link ServedRoutes}. */
@Singleton
public class ProcessRole {

    @Produces
    @Singleton
    Role role(@ConfigProperty(name = Role.PROPERTY, defaultValue = "all") String value) {
        return Role.parse(value);
    }

    /** Every REST resource is a bean (Quarkus REST makes it one): those marked {@link ServedBy} declare the routes. */
    @Produces
    @Singleton
    ServedRoutes routes(Role role, BeanManager beans, Config config) {
        var resources = beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .<Class<?>>map(Bean::getBeanClass)
                .filter(type -> type.isAnnotationPresent(ServedBy.class))
                .distinct()
                .toList();
        return ServedRoutes.of(role, resources, setting -> config.getOptionalValue(setting, Boolean.class).orElse(false));
    }
}
