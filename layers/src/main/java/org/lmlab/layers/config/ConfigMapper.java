package org.lmlab.layers.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Reads and writes config records that hold registered components ({@code {type: name, ...}}
 * objects), knowing every name the injector's modules registered, plugins' included. JSON and
 * YAML share the dialect of {@link Json}; errors name the path and, for a bad {@code type},
 * the known names.
 */
@Singleton
public final class ConfigMapper {

    private final ObjectMapper json;
    private final ObjectMapper yaml;

    @Inject
    public ConfigMapper(Set<ConfigSubtype> registrations) {
        this.json = Json.configure(new ObjectMapper());
        this.yaml = Json.yaml();
        for (ConfigSubtype registration : registrations) {
            NamedType named = new NamedType(registration.config(), registration.name());
            json.registerSubtypes(named);
            yaml.registerSubtypes(named);
        }
    }

    /** The JSON mapper. */
    public ObjectMapper json() {
        return json;
    }

    /** The YAML mapper (experiment files). */
    public ObjectMapper yaml() {
        return yaml;
    }

    /** A record from a tree, or an {@link IllegalArgumentException} naming the source and the path. */
    public <T> T bind(JsonNode tree, Class<T> type, String source) {
        return Json.bind(json, tree, type, source);
    }

    /** The tree of a record. */
    public ObjectNode tree(Object value) {
        return json.valueToTree(value);
    }

    /** The JSON text of a record, with a final newline. */
    public byte[] bytes(Object value) {
        return Json.bytes(json, value);
    }
}
