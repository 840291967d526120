package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The GitHub workflows our users run (we cannot: no Docker, GraalVM or Mandrel here) stay
 * consistent with the build: the JDK the pom compiles for, the native profile and the test
 * command, the AOT image built from bin/package-aot's layout and started in every role with its
 * cache required.
 */
class CiWorkflowsTest {

    static final Path WORKFLOWS = Path.of(".github/workflows");

    static JsonNode workflow(String file) throws IOException {
        return new YAMLMapper().readTree(WORKFLOWS.resolve(file).toFile());
    }

    static String pom(String xpath) throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        return XPathFactory.newInstance().newXPath().evaluate(xpath, pom);
    }

    /** The steps of a job, in order. */
    static List<JsonNode> steps(JsonNode workflow, String job) {
        var steps = new ArrayList<JsonNode>();
        workflow.at("/jobs/" + job + "/steps").forEach(steps::add);
        assertThat(steps).as("steps of job " + job).isNotEmpty();
        return steps;
    }

    static JsonNode stepUsing(List<JsonNode> steps, String action) {
        return steps.stream().filter(step -> step.path("uses").asText().startsWith(action + "@")).findFirst()
                .orElseThrow(() -> new AssertionError("no step uses " + action));
    }

    static String runs(List<JsonNode> steps) {
        return String.join("\n", steps.stream().map(step -> step.path("run").asText()).toList());
    }

    @Test
    void the_native_workflow_builds_with_mandrel_for_the_pom_jdk_and_runs_the_test_command_with_the_native_profile() throws Exception {
        List<JsonNode> steps = steps(workflow("native.yml"), "native");
        JsonNode mandrel = stepUsing(steps, "graalvm/setup-graalvm").path("with");
        assertThat(mandrel.path("distribution").asText()).isEqualTo("mandrel");
        assertThat(mandrel.path("java-version").asText()).isEqualTo(pom("/project/properties/maven.compiler.release"));
        assertThat(runs(steps)).contains("bin/test -Pnative");
        assertThat(pom("/project/profiles/profile[id='native']/properties/quarkus.native.enabled")).isEqualTo("true");
    }

    @Test
    void the_images_workflow_builds_both_jvm_images_and_starts_the_aot_one_in_every_role_with_its_cache_required() throws Exception {
        List<JsonNode> steps = steps(workflow("images.yml"), "jvm-images");
        assertThat(stepUsing(steps, "actions/setup-java").at("/with/java-version").asText())
                .isEqualTo(pom("/project/properties/maven.compiler.release"));
        String runs = runs(steps);
        assertThat(runs).contains("docker build -f src/main/docker/Dockerfile.jvm -t listings:jvm .");
        // The AOT image copies target/aot-app/, which only bin/package-aot makes.
        assertThat(runs.indexOf("bin/package-aot")).isNotNegative()
                .isLessThan(runs.indexOf("docker build -f src/main/docker/Dockerfile.jvm-aot -t listings:jvm-aot ."));
        assertThat(runs).contains("for role in query projector command all; do")
                .contains("starts listings:jvm-aot \"$role\" \"-XX:AOTMode=on");
    }
}
