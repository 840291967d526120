package com.agilex.listings.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event contract as a downstream team reads it: the AsyncAPI document and the payload
 * schemas the service serves under /contract/, loaded from the artifact's resources, with a
 * validator (networknt, JSON Schema draft 2020-12, formats asserted) for records.
 */
final class EventContract {

    static final String ROOT = "META-INF/resources/contract/";
    static final Pattern FILE = Pattern.compile("(.+)\\.v([0-9]+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig ASSERT_FORMATS = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    /** One message of the contract: its CloudEvents type, headers schema and payload schema file. */
    record Message(String name, String cloudEventType, JsonNode headers, String payloadFile) {
    }

    final JsonNode asyncApi;
    final Map<String, Message> byCloudEventType = new HashMap<>();

    EventContract() {
        asyncApi = read(ROOT + "asyncapi.yaml", new YAMLMapper());
        JsonNode common = asyncApi.at("/components/schemas/cloudEventHeaders");
        asyncApi.at("/components/messages").properties().forEach(entry -> {
            JsonNode message = entry.getValue();
            JsonNode headers = message.at("/headers/allOf");
            String type = headers.get(1).at("/properties/ce_type/const").asText();
            // The shared part is a reference within the document: inlined, the schema stands alone.
            ObjectNode standalone = JSON.createObjectNode();
            standalone.putArray("allOf").add(common).add(headers.get(1));
            String payload = message.at("/payload/$ref").asText().replaceFirst("^\\./", "");
            byCloudEventType.put(type, new Message(entry.getKey(), type, standalone, payload));
        });
    }

    Optional<Message> message(String cloudEventType) {
        return Optional.ofNullable(byCloudEventType.get(cloudEventType));
    }

    /** A payload schema file under schemas/, as JSON. */
    static JsonNode schemaFile(String file) {
        return read(ROOT + file, JSON);
    }

    /** What is wrong with {@code document} by {@code schema}; empty when it is valid. */
    static List<String> violations(JsonNode schema, JsonNode document) {
        JsonSchema validator = SCHEMAS.getSchema(schema, ASSERT_FORMATS);
        Set<ValidationMessage> messages = validator.validate(document);
        var found = new ArrayList<String>();
        messages.forEach(message -> found.add(message.getMessage()));
        // Open schemas (consumers ignore fields they do not know), but the producer declares all it sends.
        if (document.isObject() && schema.has("properties")) {
            document.fieldNames().forEachRemaining(field -> {
                if (!schema.path("properties").has(field)) {
                    found.add("field " + field + " is sent but not in the schema");
                }
            });
        }
        return found;
    }

    /** "listing-sold.v1.json" → ["listing-sold", 1]. */
    static Matcher parts(String file) {
        Matcher matcher = FILE.matcher(file);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a versioned schema file: " + file);
        }
        return matcher;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String resource, ObjectMapper mapper) {
        try (InputStream in = EventContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No resource " + resource);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
