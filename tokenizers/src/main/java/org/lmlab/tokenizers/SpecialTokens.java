package org.lmlab.tokenizers;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The special tokens of a vocabulary by role. GPT-2 has only an end-of-text token; BERT has
 * padding, unknown, [CLS], [SEP] and [MASK]. Objectives ask for the roles they need and get a
 * clear error when the tokenizer lacks one.
 */
public final class SpecialTokens {

    /** What a special token is for. */
    public enum Role {
        END_OF_TEXT, PAD, UNKNOWN, CLS, SEP, MASK
    }

    private final Map<Role, Integer> ids;

    private SpecialTokens(Map<Role, Integer> ids) {
        this.ids = Collections.unmodifiableMap(new EnumMap<>(ids));
    }

    /** Special tokens from a map of role to id; roles absent from the map are absent. */
    public static SpecialTokens of(Map<Role, Integer> ids) {
        return new SpecialTokens(ids.isEmpty() ? new EnumMap<>(Role.class) : ids);
    }

    /** A vocabulary without special tokens. */
    public static SpecialTokens none() {
        return new SpecialTokens(new EnumMap<>(Role.class));
    }

    /** The id for this role, if the vocabulary has one. */
    public OptionalInt id(Role role) {
        Integer id = ids.get(role);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The id for this role, or an error naming the missing role. */
    public int require(Role role) {
        Integer id = ids.get(role);
        if (id == null) {
            throw new IllegalArgumentException("the tokenizer has no " + role.name().toLowerCase() + " token");
        }
        return id;
    }

    /** True if the id plays any special role. */
    public boolean isSpecial(int id) {
        return ids.containsValue(id);
    }

    /** All roles and their ids. */
    public Map<Role, Integer> asMap() {
        return ids;
    }

    @Override
    public String toString() {
        return "SpecialTokens" + ids;
    }
}
