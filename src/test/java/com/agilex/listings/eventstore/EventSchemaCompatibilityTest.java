package com.agilex.listings.eventstore;

import com.agilex.listings.contract.CloudEventTypes;
import static org.assertj.core.api.Assertions.assertThat;

import com.agilex.listings.contract.SchemaCompatibility;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The event contract evolves without breaking its consumers (docs/events.md): a released schema
 * version changes only compatibly, a breaking change is a new version with its upcaster, and the
 * contract names every version the code reads. Here, not in the codec's tests, because the
 * upcasters are this package's.
 */
class EventSchemaCompatibilityTest {

    static final Path SERVED = Path.of("src/main/resources/META-INF/resources/contract");
    static final Path RELEASED = Path.of("src/test/resources/contract/released");
    static final Pattern FILE = Pattern.compile("(.+)\\.v([0-9]+)\\.json");
    static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> schemas(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> FILE.matcher(file.getFileName().toString()).matches()).sorted().toList();
        }
    }

    static String file(ListingEventCodec.EventType type, int version) {
        return type.name().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT) + ".v" + version + ".json";
    }

    @Test
    void every_released_schema_is_still_served_and_changed_only_compatibly() throws IOException {
        var breaks = new ArrayList<String>();
        for (Path released : schemas(RELEASED)) {
            Path served = SERVED.resolve("schemas").resolve(released.getFileName());
            if (!Files.exists(served)) {
                breaks.add(released.getFileName() + " is removed: consumers may still meet its events in the topic's history");
                continue;
            }
            breaks.addAll(SchemaCompatibility.breaks(released.getFileName().toString(), JSON.readTree(released.toFile()),
                    JSON.readTree(served.toFile())));
        }
        assertThat(breaks).isEmpty();
    }

    @Test
    void every_version_the_code_reads_has_a_schema_a_message_and_from_the_second_on_an_upcaster() throws IOException {
        String asyncApi = new YAMLMapper().readTree(SERVED.resolve("asyncapi.yaml").toFile()).toString();
        var missing = new ArrayList<String>();
        for (ListingEventCodec.EventType type : ListingEventCodec.TYPES) {
            for (int version = 1; version <= type.schemaVersion(); version++) {
                String file = file(type, version);
                if (!Files.exists(SERVED.resolve("schemas").resolve(file))) {
                    missing.add(type.name() + " v" + version + ": no schemas/" + file);
                }
                String cloudEventType = CloudEventTypes.of(type).replaceFirst("\\.v[0-9]+$", ".v" + version);
                if (!asyncApi.contains("\"const\":\"" + cloudEventType + "\"") || !asyncApi.contains("./schemas/" + file)) {
                    missing.add(type.name() + " v" + version + ": no message for " + cloudEventType + " in asyncapi.yaml");
                }
                if (version > 1 && !Upcasters.has(type.name(), version - 1)) {
                    missing.add(type.name() + " v" + version + ": no upcaster from v" + (version - 1));
                }
            }
        }
        // And no schema of a type or version the code does not know.
        for (Path schema : schemas(SERVED.resolve("schemas"))) {
            Matcher parts = FILE.matcher(schema.getFileName().toString());
            parts.matches();
            boolean known = ListingEventCodec.TYPES.stream().anyMatch(type -> file(type, 1).startsWith(parts.group(1) + ".")
                    && Integer.parseInt(parts.group(2)) <= type.schemaVersion());
            if (!known) {
                missing.add(schema.getFileName() + ": no event type of the code has this version");
            }
        }
        assertThat(missing).isEmpty();
    }

    /** The check itself: each kind of breaking change is caught, and named with its field. */
    @Test
    void a_breaking_change_is_named_with_its_field_and_why_and_an_optional_field_is_not_one() throws IOException {
        ObjectNode released = (ObjectNode) JSON.readTree(RELEASED.resolve("listing-sold.v1.json").toFile());

        ObjectNode removed = released.deepCopy();
        ((ObjectNode) removed.get("properties")).remove("price");
        assertThat(SchemaCompatibility.breaks("listing-sold.v1.json", released, removed))
                .anySatisfy(line -> assertThat(line).contains("field price is removed"));

        ObjectNode retyped = released.deepCopy();
        ((ObjectNode) retyped.get("properties")).putObject("buyerId").put("type", "integer");
        assertThat(SchemaCompatibility.breaks("listing-sold.v1.json", released, retyped))
                .anySatisfy(line -> assertThat(line).contains("field buyerId changes"));

        ObjectNode required = released.deepCopy();
        ((ArrayNode) required.get("required")).add("buyerId");
        assertThat(SchemaCompatibility.breaks("listing-sold.v1.json", released, required))
                .anySatisfy(line -> assertThat(line).contains("field buyerId becomes required"));

        ObjectNode renamed = released.deepCopy().put("title", "ListingBought (schema version 1)");
        assertThat(SchemaCompatibility.breaks("listing-sold.v1.json", released, renamed))
                .anySatisfy(line -> assertThat(line).contains("renamed"));

        ObjectNode described = released.deepCopy();
        ((ObjectNode) described.get("properties")).putObject("channel").put("type", "string");
        ((ObjectNode) described.at("/properties/buyerId")).put("description", "Who bought it.");
        assertThat(SchemaCompatibility.breaks("listing-sold.v1.json", released, described)).isEmpty();
    }
}
