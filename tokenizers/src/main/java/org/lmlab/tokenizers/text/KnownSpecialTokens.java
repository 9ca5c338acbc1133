package org.lmlab.tokenizers.text;

import java.util.EnumMap;
import java.util.Map;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.SpecialTokens.Role;

/**
 * The usual spellings of special tokens and the roles they play, so a vocabulary loaded from
 * files (which lists its special strings but not their purpose) gets its roles by name:
 * {@code <|endoftext|>} ends a text, {@code [PAD]} and {@code <|pad|>} pad, and so on.
 */
public final class KnownSpecialTokens {

    private static final Map<String, Role> ROLES = Map.ofEntries(
            Map.entry("<|endoftext|>", Role.END_OF_TEXT),
            Map.entry("<|pad|>", Role.PAD),
            Map.entry("<|unk|>", Role.UNKNOWN),
            Map.entry("[PAD]", Role.PAD),
            Map.entry("[UNK]", Role.UNKNOWN),
            Map.entry("[CLS]", Role.CLS),
            Map.entry("[SEP]", Role.SEP),
            Map.entry("[MASK]", Role.MASK),
            Map.entry("<pad>", Role.PAD),
            Map.entry("<unk>", Role.UNKNOWN),
            Map.entry("<mask>", Role.MASK));

    private KnownSpecialTokens() {
    }

    /** Roles of the special strings of a vocabulary whose spelling is known; others get no role. */
    public static SpecialTokens rolesOf(Map<String, Integer> specialIds) {
        Map<Role, Integer> roles = new EnumMap<>(Role.class);
        specialIds.forEach((literal, id) -> {
            Role role = ROLES.get(literal);
            if (role != null) {
                roles.putIfAbsent(role, id);
            }
        });
        return SpecialTokens.of(roles);
    }
}
