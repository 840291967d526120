package com.agilex.listings.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract is a valid AsyncAPI 3.0 document (what a code generator reads first), and every
 * payload it names is a schema the service serves.
 */
class AsyncApiDocumentTest {

    @Test
    void the_contract_is_a_valid_asyncapi_3_document() throws IOException {
        JsonNode specification;
        try (InputStream in = getClass().getResourceAsStream("/contract/asyncapi/asyncapi-3.0.0.schema.json")) {
            specification = new ObjectMapper().readTree(in);
        }
        Set<ValidationMessage> problems = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(specification).validate(new EventContract().asyncApi);
        assertThat(problems).extracting(ValidationMessage::getMessage).isEmpty();
    }

    @Test
    void every_payload_it_names_is_a_served_schema_of_that_type_and_version() {
        var contract = new EventContract();
        var wrong = new ArrayList<String>();
        contract.byCloudEventType.forEach((type, message) -> {
            // The message listingSoldV1 (ce_type ...sold.v1) carries "ListingSold (schema version 1)".
            String typeName = message.name().substring(0, 1).toUpperCase() + message.name().replaceFirst("V[0-9]+$", "").substring(1);
            String expected = typeName + " (schema version " + type.substring(type.lastIndexOf(".v") + 2) + ")";
            String title = EventContract.schemaFile(message.payloadFile()).path("title").asText();
            if (!title.equals(expected)) {
                wrong.add(type + ": " + message.payloadFile() + " is " + title + ", not " + expected);
            }
        });
        assertThat(wrong).isEmpty();
    }
}
