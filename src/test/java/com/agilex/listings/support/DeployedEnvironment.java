package com.agilex.listings.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment variables a descriptor under deploy/ sets on its container, for the tests that
 * start the packaged service as it is deployed: an environment variable reaches a property by a
 * different route from a {@code -D} setting (SmallRye Config matches its name), so the variables
 * themselves are what must be tested.
 */
public final class DeployedEnvironment {

    private DeployedEnvironment() {
    }

    /**
     * The literal {@code env} entries of the first container of a Knative Service, a Job or a
     * CronJob (e.g. {@code knative/query.yaml}), without the profile, which the test sets, and the
     * image entrypoint's JVM flags.
     */
    public static Map<String, String> of(String descriptor) {
        JsonNode container;
        try {
            JsonNode document = new YAMLMapper().readTree(new File("deploy", descriptor));
            JsonNode pod = "CronJob".equals(document.path("kind").asText()) ? document.at("/spec/jobTemplate") : document;
            container = pod.at("/spec/template/spec/containers/0");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read deploy/" + descriptor, e);
        }
        Map<String, String> environment = declaredIn(container);
        environment.remove("QUARKUS_PROFILE");
        environment.remove("JAVA_OPTS_APPEND");
        return environment;
    }

    /** Every {@code env} entry of a container with a literal value, name to value (those taken from a Secret are left out). */
    public static Map<String, String> declaredIn(JsonNode container) {
        var environment = new HashMap<String, String>();
        container.path("env").forEach(variable -> {
            if (variable.has("value")) {
                environment.put(variable.path("name").asText(), variable.path("value").asText());
            }
        });
        return environment;
    }
}
