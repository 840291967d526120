package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        assertThat(commands(steps)).contains(List.of("bin/test", "-Pnative"));
        assertThat(pom("/project/profiles/profile[id='native']/properties/quarkus.native.enabled")).isEqualTo("true");
    }

    /** The shell commands of the steps' scripts, each as its words (quotes kept out, continuations joined). */
    static List<List<String>> commands(List<JsonNode> steps) {
        var commands = new ArrayList<List<String>>();
        for (String line : runs(steps).replace("\\\n", " ").split("\n")) {
            var words = new ArrayList<String>();
            Matcher word = WORD.matcher(line.strip());
            while (word.find()) {
                words.add(word.group(1) != null ? word.group(1) : word.group(2));
            }
            if (!words.isEmpty() && !words.getFirst().startsWith("#")) {
                commands.add(words);
            }
        }
        return commands;
    }

    static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|([^\\s\"]+)");

    /** The value after an option in a command's words. */
    static String option(List<String> command, String name) {
        int at = command.indexOf(name);
        return at < 0 || at + 1 >= command.size() ? null : command.get(at + 1);
    }

    /** The index of the first command that builds {@code dockerfile}; its image tag in {@code tag}. */
    static int dockerBuild(List<List<String>> commands, String dockerfile) {
        for (int i = 0; i < commands.size(); i++) {
            List<String> command = commands.get(i);
            if (command.size() > 2 && command.subList(0, 2).equals(List.of("docker", "build"))
                    && dockerfile.equals(option(command, "-f"))) {
                return i;
            }
        }
        throw new AssertionError("no step builds " + dockerfile);
    }

    @Test
    void the_images_workflow_builds_both_jvm_images_and_starts_the_aot_one_in_every_role_with_its_cache_required() throws Exception {
        List<JsonNode> steps = steps(workflow("images.yml"), "jvm-images");
        assertThat(stepUsing(steps, "actions/setup-java").at("/with/java-version").asText())
                .isEqualTo(pom("/project/properties/maven.compiler.release"));
        List<List<String>> commands = commands(steps);
        int jvm = dockerBuild(commands, "src/main/docker/Dockerfile.jvm");
        int aot = dockerBuild(commands, "src/main/docker/Dockerfile.jvm-aot");
        String aotImage = option(commands.get(aot), "-t");
        // The AOT image copies target/aot-app/, which only bin/package-aot makes.
        assertThat(commands.subList(0, aot)).as("bin/package-aot before the AOT image's build").contains(List.of("bin/package-aot"));
        assertThat(option(commands.get(jvm), "-t")).isNotBlank().isNotEqualTo(aotImage);

        // Every role the service knows is started from the AOT image, with its cache required.
        var loop = commands.stream().filter(command -> command.getFirst().equals("for"))
                .filter(command -> commands.stream().anyMatch(start -> start.getFirst().equals("starts")
                        && start.contains("$" + command.get(1))))
                .findFirst().orElseThrow(() -> new AssertionError("no loop that starts the image in each role"));
        String variable = loop.get(1);
        var roles = loop.subList(loop.indexOf("in") + 1, loop.size()).stream()
                .map(word -> word.replace(";", "")).filter(word -> !word.isEmpty() && !word.equals("do")).toList();
        assertThat(roles).containsExactlyInAnyOrder(Arrays.stream(Role.values()).map(Role::label).toArray(String[]::new));
        assertThat(commands).anySatisfy(command -> {
            assertThat(command.getFirst()).isEqualTo("starts");
            assertThat(command.get(1)).isEqualTo(aotImage);
            assertThat(command.get(2)).isEqualTo("$" + variable);
            assertThat(command.get(3).split(" ")).contains("-XX:AOTMode=on");
        });
    }
}
