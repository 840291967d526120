package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.agilex.listings.support.DeployedEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every YAML file under deploy/ parses, and the descriptors say what the deployment relies on:
 * one image for every role, each role named, probes on the service's health endpoints, the
 * scale settings, migrations in a Job and the relay's sweep in a CronJob (Knative), and the event
 * source's sink and dead letters.
 */
class DeployDescriptorsTest {

    static final YAMLMapper YAML = new YAMLMapper();

    /** Every document of every YAML file under deploy/ (not the schema packages npm installs there). */
    static List<JsonNode> documents(String folder) throws IOException {
        var documents = new ArrayList<JsonNode>();
        try (Stream<Path> files = Files.walk(Path.of("deploy", folder))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .filter(path -> !path.toString().contains("node_modules")).toList()) {
                try (MappingIterator<JsonNode> parsed = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    parsed.readAll().stream().filter(document -> document != null && !document.isEmpty()).forEach(documents::add);
                }
            }
        }
        return documents;
    }

    static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(document -> kind.equals(document.path("kind").asText())).toList();
    }

    static Map<String, String> env(JsonNode container) {
        return DeployedEnvironment.declaredIn(container);
    }

    static void hasProbes(JsonNode container) {
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/resources/limits/memory").asText()).isNotBlank();
        List<String> sources = new ArrayList<>();
        container.path("envFrom").forEach(source -> sources.add(source.findPath("name").asText()));
        assertThat(sources).containsExactlyInAnyOrder("listings-config", "listings-secrets");
    }

    /** The texts of a YAML sequence. */
    static List<String> texts(JsonNode sequence) {
        var texts = new ArrayList<String>();
        sequence.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    @Test
    void every_yaml_file_under_deploy_parses() throws IOException {
        assertThat(documents("")).isNotEmpty().allSatisfy(document -> assertThat(document.isObject()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"knative", "kubernetes", "config", "platform"})
    void kubectl_apply_k_applies_every_descriptor_of_the_folder(String folder) throws IOException {
        // A descriptor the kustomization does not list is never applied: add it to both or neither.
        JsonNode kustomization = YAML.readTree(Path.of("deploy", folder, "kustomization.yaml").toFile());
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(resource -> listed.add(resource.asText()));
        try (Stream<Path> files = Files.list(Path.of("deploy", folder))) {
            List<String> descriptors = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")).toList();
            assertThat(listed).containsAll(descriptors);
        }
    }

    @Test
    void knative_runs_one_service_per_role_from_one_image_with_probes_and_scale_settings() throws IOException {
        List<JsonNode> services = ofKind(documents("knative"), "Service").stream()
                .filter(service -> service.path("apiVersion").asText().startsWith("serving.knative.dev/")).toList();
        Map<String, JsonNode> byRole = services.stream().collect(Collectors.toMap(
                service -> env(service.at("/spec/template/spec/containers/0")).get("LISTINGS_ROLE"), service -> service));
        assertThat(byRole).containsOnlyKeys("command", "query", "projector");
        assertThat(services).extracting(service -> service.at("/spec/template/spec/containers/0/image").asText())
                .containsOnly("ghcr.io/agilex/listings:jvm-aot");
        byRole.forEach((role, service) -> {
            JsonNode container = service.at("/spec/template/spec/containers/0");
            hasProbes(container);
            assertThat(env(container)).containsEntry("QUARKUS_PROFILE", "prod,knative")
                    .containsEntry("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        });
        JsonNode annotations = byRole.get("command").at("/spec/template/metadata/annotations");
        assertThat(annotations.path("autoscaling.knative.dev/min-scale").asText()).isEqualTo("0");
        assertThat(byRole.get("projector").at("/spec/template/metadata/annotations")
                .path("autoscaling.knative.dev/min-scale").asText()).isEqualTo("0");
        JsonNode query = byRole.get("query").at("/spec/template/metadata/annotations");
        assertThat(Integer.parseInt(query.path("autoscaling.knative.dev/min-scale").asText())).isPositive();
        assertThat(query.path("autoscaling.knative.dev/target").asText()).isNotBlank();
        // The projector is fed by Knative, not by a consumer of its own, and is not public.
        assertThat(env(byRole.get("projector").at("/spec/template/spec/containers/0")))
                .containsEntry("MP_MESSAGING_INCOMING_LISTINGS_EVENTS_IN_ENABLED", "false");
        assertThat(byRole.get("projector").at("/metadata/labels").path("networking.knative.dev/visibility").asText())
                .isEqualTo("cluster-local");
    }

    @Test
    void the_kafka_source_delivers_the_events_topic_in_order_to_the_projector_with_retries_and_dead_letters()
            throws IOException {
        List<JsonNode> sources = ofKind(documents("knative"), "KafkaSource");
        assertThat(sources).hasSize(1);
        JsonNode source = sources.getFirst();
        assertThat(source.at("/metadata/annotations").path("kafka.eventing.knative.dev/delivery.order").asText())
                .isEqualTo("ordered");
        assertThat(source.at("/spec/topics/0").asText()).isEqualTo("listings.events");
        assertThat(source.at("/spec/sink/ref/name").asText()).isEqualTo("listings-projector");
        assertThat(source.at("/spec/sink/uri").asText()).isEqualTo("/events");
        assertThat(source.at("/spec/delivery/retry").asInt()).isPositive();
        String deadLetters = source.at("/spec/delivery/deadLetterSink/ref/name").asText();
        assertThat(ofKind(documents("knative"), "KafkaSink")).anySatisfy(sink -> {
            assertThat(sink.at("/metadata/name").asText()).isEqualTo(deadLetters);
            assertThat(sink.at("/spec/topic").asText()).isEqualTo("listings.events.dlq");
        });
    }

    @Test
    void one_job_of_the_same_image_migrates_for_both_variants_and_no_serving_pod_does() throws IOException {
        List<JsonNode> jobs = ofKind(documents("config"), "Job");
        assertThat(jobs).hasSize(1);
        JsonNode container = jobs.getFirst().at("/spec/template/spec/containers/0");
        assertThat(container.path("image").asText()).isEqualTo("ghcr.io/agilex/listings:jvm-aot");
        assertThat(env(container)).containsEntry("LISTINGS_MIGRATE_AND_EXIT", "true").containsEntry("LISTINGS_ROLE", "query")
                .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        JsonNode config = ofKind(documents("config"), "ConfigMap").getFirst().path("data");
        assertThat(config.path("QUARKUS_FLYWAY_MIGRATE_AT_START").asText()).isEqualTo("false");
    }

    /** The Secret a container takes a variable from, or null. */
    static String secretOf(JsonNode container, String variable) {
        for (JsonNode entry : container.path("env")) {
            if (variable.equals(entry.path("name").asText())) {
                return entry.at("/valueFrom/secretKeyRef/name").asText(null);
            }
        }
        return null;
    }

    @Test
    void every_pod_logs_in_to_postgresql_as_its_roles_own_user_and_only_the_migration_as_the_owner() throws IOException {
        Map<String, String> secretByRole = Map.of("command", "listings-db-writer", "projector", "listings-db-projector",
                "query", "listings-db-reader");
        podSpecs().forEach((name, pod) -> {
            JsonNode container = pod.path("containers").get(0);
            Map<String, String> env = env(container);
            String expected = "true".equals(env.get("LISTINGS_MIGRATE_AND_EXIT")) ? "listings-db-owner"
                    : secretByRole.get(env.get("LISTINGS_ROLE"));
            assertThat(secretOf(container, "QUARKUS_DATASOURCE_USERNAME")).as(name).isEqualTo(expected);
            assertThat(secretOf(container, "QUARKUS_DATASOURCE_PASSWORD")).as(name).isEqualTo(expected);
        });
        // The logins the Secrets name are the roles deploy/database/roles.sql creates.
        String roles = Files.readString(Path.of("deploy", "database", "roles.sql"));
        Map<String, String> users = ofKind(documents("config"), "Secret").stream()
                .filter(secret -> secret.at("/metadata/name").asText().startsWith("listings-db-"))
                .collect(Collectors.toMap(secret -> secret.at("/metadata/name").asText(),
                        secret -> secret.at("/stringData/username").asText()));
        assertThat(users).containsOnlyKeys("listings-db-owner", "listings-db-writer", "listings-db-projector", "listings-db-reader");
        users.values().forEach(user -> assertThat(roles).contains("'" + user + "'"));
    }

    @Test
    void knative_sweeps_the_relay_on_a_schedule_since_the_command_service_scales_to_zero() throws IOException {
        List<JsonNode> cronJobs = ofKind(documents("knative"), "CronJob");
        assertThat(cronJobs).hasSize(1);
        JsonNode cronJob = cronJobs.getFirst();
        assertThat(cronJob.at("/spec/schedule").asText()).isNotBlank();
        assertThat(cronJob.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
        JsonNode container = cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0");
        assertThat(container.path("image").asText()).isEqualTo("ghcr.io/agilex/listings:jvm-aot");
        assertThat(env(container)).containsEntry("LISTINGS_RELAY_PUBLISH_AND_EXIT", "true")
                .containsEntry("LISTINGS_ROLE", "command").containsEntry("QUARKUS_PROFILE", "prod,knative");
        List<String> sources = new ArrayList<>();
        container.path("envFrom").forEach(source -> sources.add(source.findPath("name").asText()));
        assertThat(sources).containsExactlyInAnyOrder("listings-config", "listings-secrets");
        // A run cut short by the deadline must end before the next one may start.
        assertThat(cronJob.at("/spec/jobTemplate/spec/activeDeadlineSeconds").asInt()).isBetween(1, 299);
    }

    @Test
    void kubernetes_runs_every_role_always_on_and_scales_the_projector_on_consumer_lag() throws IOException {
        List<JsonNode> documents = documents("kubernetes");
        List<JsonNode> deployments = ofKind(documents, "Deployment");
        assertThat(deployments).extracting(deployment -> env(deployment.at("/spec/template/spec/containers/0")).get("LISTINGS_ROLE"))
                .containsExactlyInAnyOrder("command", "query", "projector");
        deployments.forEach(deployment -> hasProbes(deployment.at("/spec/template/spec/containers/0")));
        assertThat(deployments).allSatisfy(deployment ->
                assertThat(deployment.at("/spec/template/spec/enableServiceLinks").asBoolean(true)).isFalse());
        JsonNode scaled = ofKind(documents, "ScaledObject").getFirst();
        assertThat(scaled.at("/spec/scaleTargetRef/name").asText()).isEqualTo("listings-projector");
        assertThat(scaled.at("/spec/triggers/0/type").asText()).isEqualTo("kafka");
        assertThat(scaled.at("/spec/triggers/0/metadata/consumerGroup").asText()).isEqualTo("listings-projector");
        assertThat(scaled.at("/spec/triggers/0/metadata/topic").asText()).isEqualTo("listings.events");
    }
    /** Every pod the descriptors run: the Deployments, the Knative Services, the Job and the CronJob. */
    static Map<String, JsonNode> podSpecs() throws IOException {
        var pods = new LinkedHashMap<String, JsonNode>();
        for (JsonNode document : documents("")) {
            String kind = document.path("kind").asText();
            String name = kind + " " + document.at("/metadata/name").asText();
            switch (kind) {
                case "Deployment", "Job" -> pods.put(name, document.at("/spec/template/spec"));
                case "Service" -> {
                    if (document.path("apiVersion").asText().startsWith("serving.knative.dev/")) {
                        pods.put(name, document.at("/spec/template/spec"));
                    }
                }
                case "CronJob" -> pods.put(name, document.at("/spec/jobTemplate/spec/template/spec"));
                default -> {
                }
            }
        }
        return pods;
    }

    @Test
    void every_pod_runs_as_non_root_with_a_read_only_root_no_capabilities_the_default_seccomp_and_no_api_token() throws IOException {
        Map<String, JsonNode> pods = podSpecs();
        assertThat(pods).hasSize(8);
        pods.forEach((name, pod) -> {
            assertThat(pod.path("serviceAccountName").asText()).as(name).isEqualTo("listings");
            List<String> scratch = new ArrayList<>();
            pod.path("volumes").forEach(volume -> {
                if (volume.has("emptyDir")) {
                    scratch.add(volume.path("name").asText());
                }
            });
            assertThat(pod.path("containers")).as(name).isNotEmpty().allSatisfy(container -> {
                // On the container, where Knative Serving accepts them too (it restricts the pod's securityContext).
                assertThat(container.at("/securityContext/runAsNonRoot").asBoolean()).as(name).isTrue();
                assertThat(container.at("/securityContext/seccompProfile/type").asText()).as(name).isEqualTo("RuntimeDefault");
                assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
                assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
                assertThat(texts(container.at("/securityContext/capabilities/drop"))).as(name).contains("ALL");
                assertThat(container.at("/resources/requests/memory").asText()).as(name).isNotBlank();
                assertThat(container.at("/resources/limits/memory").asText()).as(name).isNotBlank();
                // The CA that TLS to PostgreSQL trusts (verify-full, below).
                assertThat(container.path("volumeMounts")).as(name)
                        .anySatisfy(mount -> assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/listings/db-ca"));
                // The JVM and Vert.x write to /tmp: a writable scratch volume, not the image's filesystem.
                assertThat(container.path("volumeMounts")).as(name).anySatisfy(mount -> {
                    assertThat(mount.path("mountPath").asText()).isEqualTo("/tmp");
                    assertThat(scratch).contains(mount.path("name").asText());
                });
            });
        });
        JsonNode account = ofKind(documents("config"), "ServiceAccount").getFirst();
        assertThat(account.at("/metadata/name").asText()).isEqualTo("listings");
        assertThat(account.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    }

    @Test
    void postgresql_is_reached_with_tls_verify_full_and_kafka_with_tls_and_sasl() throws IOException {
        JsonNode config = ofKind(documents("config"), "ConfigMap").getFirst().path("data");
        for (String datasource : List.of("QUARKUS_DATASOURCE_REACTIVE_", "QUARKUS_DATASOURCE__READ__REACTIVE_")) {
            assertThat(config.path(datasource + "POSTGRESQL_SSL_MODE").asText()).as(datasource).isEqualTo("verify-full");
            assertThat(config.path(datasource + "HOSTNAME_VERIFICATION_ALGORITHM").asText()).as(datasource).isEqualTo("HTTPS");
            assertThat(config.path(datasource + "TRUST_CERTIFICATE_PEM_CERTS").asText()).as(datasource).startsWith("/etc/listings/db-ca/");
        }
        assertThat(config.path("QUARKUS_DATASOURCE_JDBC_URL").asText()).contains("sslmode=verify-full", "sslrootcert=/etc/listings/db-ca/");
        assertThat(config.path("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        assertThat(ofKind(documents("config"), "Secret").getFirst().at("/stringData/KAFKA_SASL_JAAS_CONFIG").asText()).isNotBlank();
    }

    @Test
    void network_policies_deny_by_default_let_only_the_event_source_reach_the_projector_and_only_the_service_reach_the_stores()
            throws IOException {
        Map<String, JsonNode> policies = ofKind(documents("config"), "NetworkPolicy").stream()
                .collect(Collectors.toMap(policy -> policy.at("/metadata/name").asText(), policy -> policy));
        JsonNode deny = policies.get("listings-default-deny");
        assertThat(deny.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("listings");
        assertThat(texts(deny.at("/spec/policyTypes"))).contains("Ingress", "Egress");
        assertThat(deny.at("/spec/ingress").isMissingNode() && deny.at("/spec/egress").isMissingNode()).isTrue();

        List<Integer> egressPorts = new ArrayList<>();
        policies.get("listings-egress").at("/spec/egress").forEach(rule -> rule.path("ports").forEach(port -> egressPorts.add(port.path("port").asInt())));
        assertThat(egressPorts).containsOnly(53, 5432, 9092, 9093, 4317, 443);

        // Of the policies that admit traffic to the service's pods, only the projector's selects the projector,
        // and it admits Knative Eventing (the source calling POST /events), never the ingress controller.
        JsonNode projector = policies.get("listings-projector-ingress");
        assertThat(projector.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("projector");
        assertThat(texts(projector.at("/spec/ingress/0/from/0/namespaceSelector/matchExpressions/0/values")))
                .contains("knative-eventing").doesNotContain("ingress-nginx", "kourier-system");
        JsonNode publicRoles = policies.get("listings-public-ingress").at("/spec/podSelector/matchExpressions/0");
        assertThat(publicRoles.path("operator").asText()).isEqualTo("In");
        assertThat(texts(publicRoles.path("values"))).containsExactlyInAnyOrder("command", "query");

        JsonNode database = policies.get("listings-db-ingress");
        assertThat(database.at("/spec/podSelector/matchLabels/cnpg.io~1cluster").asText()).isEqualTo("listings-db");
        assertThat(database.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("listings");
        assertThat(database.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(5432);
        JsonNode kafka = policies.get("listings-kafka-ingress");
        assertThat(kafka.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("listings");
    }
}
