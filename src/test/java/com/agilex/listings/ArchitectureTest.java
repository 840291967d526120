package com.agilex.listings;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.agilex.listings.platform.ServedBy;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/**
 * The packages' dependency directions (docs/architecture.md, "Packages"): each may use only those
 * below it, and no two packages use each other; every resource declares its roles. A failure
 * names the class and the dependency.
 */
class ArchitectureTest {

    static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.agilex.listings");

    @Test
    void layers_point_down() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("domain").definedBy("..listings.domain..")
                .layer("platform").definedBy("..listings.platform..")
                .layer("observability").definedBy("..listings.observability..")
                .layer("eventstore").definedBy("..listings.eventstore..")
                .layer("contract").definedBy("..listings.contract..")
                .layer("relay").definedBy("..listings.relay..")
                .layer("command").definedBy("..listings.command..")
                .layer("projection").definedBy("..listings.projection..")
                .layer("query").definedBy("..listings.query..")
                .layer("history").definedBy("..listings.history..")
                .layer("admin").definedBy("..listings.admin..")
                .whereLayer("domain").mayNotAccessAnyLayer()
                .whereLayer("platform").mayOnlyAccessLayers("domain")
                .whereLayer("observability").mayOnlyAccessLayers("domain", "platform")
                .whereLayer("eventstore").mayOnlyAccessLayers("domain", "platform", "observability")
                .whereLayer("contract").mayOnlyAccessLayers("domain", "platform", "observability", "eventstore")
                .whereLayer("relay").mayOnlyAccessLayers("domain", "platform", "observability", "eventstore", "contract")
                .whereLayer("command").mayOnlyAccessLayers("domain", "platform", "observability", "eventstore")
                .whereLayer("projection").mayOnlyAccessLayers("domain", "platform", "observability", "eventstore", "contract")
                .whereLayer("query").mayOnlyAccessLayers("domain", "platform", "observability", "eventstore", "projection")
                .whereLayer("history").mayOnlyAccessLayers("domain", "platform", "observability", "eventstore", "query")
                .whereLayer("admin").mayOnlyAccessLayers("domain", "platform", "observability", "eventstore", "contract",
                        "projection", "query")
                .check(SERVICE);
    }

    /** A resource without @ServedBy would be served by every role; without @RegisterForReflection a native image could not read its routes. */
    @Test
    void every_resource_says_which_roles_serve_it() {
        classes().that().areAnnotatedWith(Path.class)
                .should().beAnnotatedWith(ServedBy.class).andShould().beAnnotatedWith(RegisterForReflection.class)
                .check(SERVICE);
    }

    @Test
    void no_two_packages_use_each_other() {
        slices().matching("com.agilex.listings.(*)..").should().beFreeOfCycles().check(SERVICE);
    }
}
