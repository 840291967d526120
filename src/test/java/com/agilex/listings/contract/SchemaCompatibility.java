package com.agilex.listings.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a payload schema may replace its released form within one schema version: what a
 * consumer reads stays as it was. A field removed or changed (type, format, values), a field
 * newly required (senders of the old form, such as older code or POST /events callers, break), a
 * type renamed: each breaks, and is named with why. Adding an optional field does not.
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    public static List<String> breaks(String file, JsonNode released, JsonNode current) {
        var breaks = new ArrayList<String>();
        if (!released.path("title").equals(current.path("title"))) {
            breaks.add(file + ": the type is renamed from " + released.path("title") + " to " + current.path("title")
                    + ": consumers select events by it");
        }
        released.path("properties").properties().forEach(entry -> {
            String field = entry.getKey();
            JsonNode now = current.path("properties").get(field);
            if (now == null) {
                breaks.add(file + ": field " + field + " is removed: consumers that read it break");
            } else if (!meaning(entry.getValue()).equals(meaning(now))) {
                breaks.add(file + ": field " + field + " changes from " + meaning(entry.getValue()) + " to " + meaning(now)
                        + ": consumers that read it break");
            }
        });
        Set<String> wasRequired = new HashSet<>();
        released.path("required").forEach(field -> wasRequired.add(field.asText()));
        current.path("required").forEach(field -> {
            if (!wasRequired.contains(field.asText())) {
                breaks.add(file + ": field " + field.asText() + " becomes required: events sent without it are refused");
            }
        });
        released.path("$defs").properties().forEach(entry -> {
            JsonNode now = current.path("$defs").get(entry.getKey());
            if (now == null || !meaning(entry.getValue()).equals(meaning(now))) {
                breaks.add(file + ": definition " + entry.getKey() + " changes: the fields that use it change");
            }
        });
        if (!breaks.isEmpty()) {
            breaks.add(file + ": publish the change as a new schema version (a new file, with its upcaster) instead; docs/events.md");
        }
        return breaks;
    }

    /** A schema without the words around it (description, examples, title): what a consumer relies on. */
    static JsonNode meaning(JsonNode schema) {
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = schema.deepCopy();
        // Annotations are text (or, for examples, a list); a field named "title" is a schema, an object.
        for (String annotation : List.of("description", "examples", "title")) {
            JsonNode value = copy.get(annotation);
            if (value != null && (value.isTextual() || value.isArray())) {
                copy.remove(annotation);
            }
        }
        copy.properties().forEach(entry -> entry.setValue(meaning(entry.getValue())));
        return copy;
    }
}
