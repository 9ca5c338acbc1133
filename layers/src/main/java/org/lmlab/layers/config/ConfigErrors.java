package org.lmlab.layers.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The one formatter of config errors: turns Jackson's exceptions into
 * {@code source: path.to.field: what is wrong} with the known names or keys where there are
 * any, so a mistake in a file or a {@code --set} is a one-line fix.
 */
public final class ConfigErrors {

    private ConfigErrors() {
    }

    /** One line for an error reading {@code source} (a file, {@code --set ...}). */
    public static String describe(String source, JsonProcessingException e) {
        String path = path(e);
        String message = message(e);
        if (e instanceof ValueInstantiationException) {
            // A record's compact constructor names its own field ("attention.kv_heads: must ..."):
            // join it onto the path of the object being built.
            String[] field = splitField(message);
            if (field != null) {
                path = join(path, field[0]);
                message = field[1];
            }
        }
        String where = path.isEmpty() ? location(e) : path;
        return source + ": " + (where.isEmpty() ? "" : where + ": ") + message;
    }

    private static String[] splitField(String message) {
        int colon = message.indexOf(": ");
        if (colon <= 0 || !message.substring(0, colon).matches("[a-z_][a-z0-9_.]*")) {
            return null;
        }
        return new String[] {message.substring(0, colon), message.substring(colon + 2)};
    }

    /** {@code model.block.attention} + {@code attention.kv_heads} is {@code model.block.attention.kv_heads}. */
    private static String join(String path, String field) {
        if (path.isEmpty()) {
            return field;
        }
        String first = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
        if (path.equals(first) || path.endsWith("." + first)) {
            return path.substring(0, path.length() - first.length()) + field;
        }
        return path + "." + field;
    }

    /** The dotted path of the field the error is about ({@code model.block.attention.kv_heads}), or "". */
    public static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (e instanceof InvalidTypeIdException) {
            path.append(path.length() == 0 ? "" : ".").append("type");
        }
        return path.toString();
    }

    private static String message(JsonProcessingException e) {
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            String cause = invalid.getCause().getMessage();
            return cause == null ? "invalid value" : cause;
        }
        if (e instanceof InvalidTypeIdException invalidType) {
            String id = invalidType.getTypeId();
            String known = knownTypes(invalidType.getOriginalMessage());
            return (id == null ? "required (the component's registered name)" : "unknown type '" + id + "'")
                    + (known.isEmpty() ? "" : "; known: " + known);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            TreeSet<String> names = new TreeSet<>();
            if (known != null) {
                known.forEach(k -> names.add(String.valueOf(k)));
            }
            return "unknown key" + (names.isEmpty() ? "" : "; known: " + String.join(", ", names));
        }
        String original = e.getOriginalMessage();
        int newline = original.indexOf('\n');
        return newline < 0 ? original : original.substring(0, newline);
    }

    private static String knownTypes(String original) {
        int at = original.indexOf("known type ids = [");
        if (at < 0) {
            return "";
        }
        int end = original.indexOf(']', at);
        TreeSet<String> ids = new TreeSet<>();
        for (String id : original.substring(at + "known type ids = [".length(), end).split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        return String.join(", ", ids);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
