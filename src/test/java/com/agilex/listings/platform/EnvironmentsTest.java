package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Environments as code, checked without a cluster: each overlay (deploy/overlays/<env>/<variant>)
 * is built with kubectl's kustomize as `kubectl apply -k` would build it, and the result is a
 * whole environment: the service, PostgreSQL (CloudNativePG) with replicas where the environment
 * has them and the query side reading from them, Kafka (Strimzi) with the topics the service and
 * its event source name, the image of the environment, and no Secret (the secret manager's);
 * and each resource is valid by the schema of its kind (Kubernetes' API, the operators' CRDs).
 */
class EnvironmentsTest {

    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String IMAGE = "ghcr.io/agilex/listings:";
    /** The Secrets an environment must provide (deploy/README.md lists them). */
    static final Set<String> SECRETS = Set.of("listings-secrets", "listings-db-owner", "listings-db-writer",
            "listings-db-projector", "listings-db-reader", "listings-db-ca", "listings-kafka-cluster-ca-cert",
            "listings-kafka-eventing", "listings-kafka-keda", "listings-db-backup");

    static List<JsonNode> build(String overlay) throws IOException, InterruptedException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", "deploy/overlays/" + overlay).redirectErrorStream(true).start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as("kubectl kustomize deploy/overlays/%s:%n%s", overlay, output).isZero();
        var documents = new ArrayList<JsonNode>();
        try (MappingIterator<JsonNode> parsed = YAML.readerFor(JsonNode.class).readValues(output)) {
            parsed.forEachRemaining(documents::add);
        }
        return documents;
    }

    static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(document -> kind.equals(document.path("kind").asText())).toList();
    }

    static JsonNode one(List<JsonNode> documents, String kind, String name) {
        return documents.stream().filter(document -> kind.equals(document.path("kind").asText())
                && name.equals(document.at("/metadata/name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** Every value of a field named {@code field} anywhere in the document (images, secret names...). */
    static void collect(JsonNode node, String field, List<JsonNode> into) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals(field)) {
                    into.add(entry.getValue());
                }
                collect(entry.getValue(), field, into);
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, field, into));
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"dev, knative, dev, 1", "dev, kubernetes, dev, 1", "staging, knative, staging, 2",
            "staging, kubernetes, staging, 2", "prod, knative, 1.0.0, 3", "prod, kubernetes, 1.0.0, 3"})
    void each_overlay_builds_a_whole_environment(String env, String variant, String version, int databaseInstances)
            throws Exception {
        List<JsonNode> documents = build(env + "/" + variant);

        // One image, the environment's, on every container.
        var images = new ArrayList<JsonNode>();
        documents.forEach(document -> collect(document, "image", images));
        assertThat(images).isNotEmpty().allSatisfy(image -> assertThat(image.asText()).isEqualTo(IMAGE + version + "-jvm-aot"));

        // The serving workloads as in the bases (DeployDescriptorsTest): a role each, probes, hardened.
        var roles = new HashSet<String>();
        for (JsonNode document : documents) {
            boolean serving = document.path("kind").asText().equals("Deployment")
                    || document.path("apiVersion").asText().startsWith("serving.knative.dev/");
            if (serving) {
                JsonNode container = document.at("/spec/template/spec/containers/0");
                DeployDescriptorsTest.hasProbes(container);
                roles.add(DeployDescriptorsTest.env(container).get("LISTINGS_ROLE"));
                assertThat(container.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
                assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            }
        }
        assertThat(roles).containsExactlyInAnyOrder("command", "query", "projector");

        // PostgreSQL: the cluster, with replicas beyond dev; the query side reads from them.
        JsonNode cluster = one(documents, "Cluster", "listings-db");
        assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(databaseInstances);
        JsonNode config = one(documents, "ConfigMap", "listings-config").path("data");
        assertThat(config.path("QUARKUS_DATASOURCE_REACTIVE_URL").asText()).startsWith("postgresql://listings-db-rw:5432/");
        assertThat(config.path("QUARKUS_DATASOURCE__READ__REACTIVE_URL").asText())
                .startsWith(databaseInstances > 1 ? "postgresql://listings-db-ro:5432/" : "postgresql://listings-db-rw:5432/");
        // Backups where the data is real.
        assertThat(ofKind(documents, "ScheduledBackup")).hasSize(env.equals("prod") ? 1 : 0);
        assertThat(cluster.at("/spec/backup").isMissingNode()).isEqualTo(!env.equals("prod"));
        // The database logins the pods use are the roles the operator manages.
        var managed = new HashSet<String>();
        cluster.at("/spec/managed/roles").forEach(role -> managed.add(role.path("name").asText()));
        assertThat(managed).contains("listings_writer", "listings_projector", "listings_reader", "listings_read_model");

        // Kafka: the cluster, its brokers, and the topics everyone names, replicated as the brokers allow.
        JsonNode kafka = ofKind(documents, "Kafka").getFirst();
        String kafkaName = kafka.at("/metadata/name").asText();
        int brokers = ofKind(documents, "KafkaNodePool").getFirst().at("/spec/replicas").asInt();
        var topics = new HashSet<String>();
        for (JsonNode topic : ofKind(documents, "KafkaTopic")) {
            topics.add(topic.at("/spec/topicName").asText());
            assertThat(topic.at("/metadata/labels").path("strimzi.io/cluster").asText()).isEqualTo(kafkaName);
            assertThat(topic.at("/spec/replicas").asInt()).isBetween(1, brokers);
            assertThat(topic.at("/spec/config/min.insync.replicas").asInt()).isLessThanOrEqualTo(topic.at("/spec/replicas").asInt());
        }
        assertThat(topics).contains("listings.events", "listings.events.dlq");
        assertThat(one(documents, "KafkaTopic", "listings-events").at("/spec/partitions").asInt()).isEqualTo(3);
        String bootstrap = kafkaName + "-kafka-bootstrap:9093";
        assertThat(config.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo(bootstrap);
        for (JsonNode source : ofKind(documents, "KafkaSource")) {
            assertThat(source.at("/spec/bootstrapServers/0").asText()).isEqualTo(bootstrap);
            source.at("/spec/topics").forEach(topic -> assertThat(topics).contains(topic.asText()));
        }
        for (JsonNode sink : ofKind(documents, "KafkaSink")) {
            assertThat(sink.at("/spec/bootstrapServers/0").asText()).isEqualTo(bootstrap);
            assertThat(topics).contains(sink.at("/spec/topic").asText());
        }
        for (JsonNode scaled : ofKind(documents, "ScaledObject")) {
            assertThat(topics).contains(scaled.at("/spec/triggers/0/metadata/topic").asText());
            assertThat(scaled.at("/spec/triggers/0/metadata/bootstrapServers").asText()).isEqualTo(bootstrap);
        }

        // No Secret is committed; every one referenced is one deploy/README.md asks the environment for.
        assertThat(ofKind(documents, "Secret")).isEmpty();
        var referenced = new HashSet<String>();
        for (String field : List.of("secretRef", "secretKeyRef", "passwordSecret")) {
            var found = new ArrayList<JsonNode>();
            documents.forEach(document -> collect(document, field, found));
            found.forEach(reference -> referenced.add(reference.path("name").asText()));
        }
        var volumes = new ArrayList<JsonNode>();
        documents.forEach(document -> collect(document, "secretName", volumes));
        volumes.forEach(name -> referenced.add(name.asText()));
        referenced.remove("");
        assertThat(SECRETS).containsAll(referenced);
        String readme = Files.readString(Path.of("deploy/README.md"));
        referenced.forEach(secret -> assertThat(readme).as("deploy/README.md names the Secret " + secret).contains(secret));
    }

    /**
     * Every built resource validates against its schema (deploy/schemas/README.md): the
     * kubernetes-models packages' validators (node), or a CRD schema vendored in deploy/schemas/crds.
     */
    @ParameterizedTest
    @CsvSource({"dev/knative", "dev/kubernetes", "staging/knative", "staging/kubernetes", "prod/knative", "prod/kubernetes"})
    void each_built_resource_is_valid_by_its_schema(String overlay) throws Exception {
        List<JsonNode> documents = build(overlay);
        Path resources = Files.createTempFile("overlay", ".json");
        Files.writeString(resources, JSON.writeValueAsString(documents));
        Process node = new ProcessBuilder("node", "deploy/schemas/validate.mjs", resources.toString()).redirectErrorStream(false).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("node deploy/schemas/validate.mjs (bin/test runs npm ci there first):%n%s", errors).isZero();
        var invalid = new ArrayList<String>();
        JsonNode results = JSON.readTree(output);
        for (int i = 0; i < documents.size(); i++) {
            JsonNode result = results.get(i);
            String resource = result.path("kind").asText() + " " + result.path("name").asText();
            if (result.path("unknown").asBoolean()) {
                Path schema = vendoredSchema(documents.get(i));
                if (!Files.exists(schema)) {
                    invalid.add(resource + ": no schema (neither a package's nor " + schema + ")");
                    continue;
                }
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(JSON.readTree(schema.toFile()))
                        .validate(documents.get(i)).forEach(problem -> invalid.add(resource + ": " + problem.getMessage()));
            } else if (!result.path("valid").asBoolean()) {
                result.path("errors").forEach(error -> invalid.add(resource + ": " + error.asText()));
            }
        }
        assertThat(invalid).isEmpty();
    }

    /** deploy/schemas/crds/kafkasource-sources.knative.dev-v1beta1.json for a KafkaSource of sources.knative.dev/v1beta1. */
    static Path vendoredSchema(JsonNode resource) {
        String[] apiVersion = resource.path("apiVersion").asText().split("/");
        return Path.of("deploy/schemas/crds", resource.path("kind").asText().toLowerCase(java.util.Locale.ROOT) + "-"
                + apiVersion[0] + "-" + apiVersion[apiVersion.length - 1] + ".json");
    }

    @ParameterizedTest
    @CsvSource({"dev", "staging", "prod"})
    void both_variants_of_an_environment_share_its_dependencies_and_settings(String env) throws Exception {
        List<JsonNode> knative = build(env + "/knative");
        List<JsonNode> kubernetes = build(env + "/kubernetes");
        for (String kind : List.of("ConfigMap", "Cluster", "Kafka", "KafkaNodePool", "KafkaTopic")) {
            assertThat(ofKind(knative, kind)).as(kind).isEqualTo(ofKind(kubernetes, kind));
        }
        assertThat(Map.of("knative", ofKind(knative, "Deployment").size(), "kubernetes", ofKind(kubernetes, "Deployment").size()))
                .containsEntry("knative", 0).containsEntry("kubernetes", 3);
    }
}
