package org.lmlab.experiments.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Config records name their fields in errors ({@code steps: must not be negative, got -1}); a
 * command that built the record from its options renames them to the flags the user typed
 * ({@code --steps: must not be negative, got -1}). Messages about anything else pass unchanged.
 */
final class FlagNames {

    /** A message that starts with one field, or two joined by "or", then a colon. */
    private static final Pattern FIELDS = Pattern.compile("^([a-z][a-z0-9_.]*)(?: or ([a-z][a-z0-9_.]*))?: (.*)$", Pattern.DOTALL);

    private final Map<String, String> flags;

    /** @param flags the option of each config field, e.g. {@code "steps" -> "--steps"} */
    FlagNames(Map<String, String> flags) {
        this.flags = Map.copyOf(flags);
    }

    /** The same error naming the flag where the message names a field this command took from a flag. */
    IllegalArgumentException rename(IllegalArgumentException error) {
        String message = error.getMessage();
        if (message == null) {
            return error;
        }
        Matcher matcher = FIELDS.matcher(message);
        if (!matcher.matches() || !flags.containsKey(matcher.group(1))
                || (matcher.group(2) != null && !flags.containsKey(matcher.group(2)))) {
            return error;
        }
        String renamed = flags.get(matcher.group(1)) + (matcher.group(2) != null ? " or " + flags.get(matcher.group(2)) : "")
                + ": " + matcher.group(3);
        IllegalArgumentException named = new IllegalArgumentException(renamed, error);
        named.setStackTrace(error.getStackTrace());
        return named;
    }
}
