package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.ExecutionModeManager;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The role's settings exist at run time only: Quarkus also runs the factory while it builds and
 * records what it gives as the artifact's defaults, so a LISTINGS_ROLE where the build ran would
 * otherwise linger under every role (a jar built with LISTINGS_ROLE=command would leave the query
 * role's datasource inactive, and GET /listings would answer 500).
 */
class RoleConfigSourceFactoryTest {

    /** What the factory reads: LISTINGS_ROLE=command, where it is asked. */
    static final ConfigSourceContext COMMAND_ROLE = new ConfigSourceContext() {
        @Override
        public ConfigValue getValue(String name) {
            return Role.PROPERTY.equals(name) ? ConfigValue.builder().withName(name).withValue("command").build() : null;
        }

        @Override
        public Iterator<String> iterateNames() {
            return Collections.singletonList(Role.PROPERTY).iterator();
        }
    };

    ExecutionMode before;

    @BeforeEach
    void remember_the_mode() {
        before = ExecutionMode.current();
    }

    @AfterEach
    void restore_the_mode() {
        switch (before) {
            case STATIC_INIT -> ExecutionModeManager.staticInit();
            case RUNTIME_INIT -> ExecutionModeManager.runtimeInit();
            case RUNNING -> ExecutionModeManager.running();
            case UNSET -> ExecutionModeManager.unset();
        }
    }

    static List<ConfigSource> sources() {
        return StreamSupport.stream(new RoleConfigSourceFactory().getConfigSources(COMMAND_ROLE).spliterator(), false).toList();
    }

    @Test
    void while_quarkus_builds_it_gives_nothing() {
        ExecutionModeManager.unset();
        assertThat(sources()).isEmpty();
    }

    @Test
    void at_run_time_it_gives_the_roles_settings() {
        ExecutionModeManager.runtimeInit();
        assertThat(sources()).singleElement().satisfies(source -> {
            assertThat(source.getName()).contains("listings-role-command");
            assertThat(source.getValue("quarkus.datasource.\"read\".active")).isEqualTo("false");
        });
    }
}
