package org.lmlab.models.hf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.safetensors.SafetensorsFile;

/**
 * Reads Hugging Face tensors by their canonical names while accepting the variants found in
 * published files: an optional model prefix ({@code transformer.}, {@code bert.}) before the
 * names the family may prefix (never before heads such as {@code cls.} or {@code lm_head.}), and
 * the old {@code gamma}/{@code beta} names of LayerNorm weights. It remembers what it read so that
 * tensors nobody asked for (and that are not known to be ignorable) are reported.
 */
public final class HfTensors {

    private final SafetensorsFile file;
    private final String prefix;
    private final Predicate<String> mayPrefix;
    private final Set<String> consumed = new HashSet<>();

    /** The tensors of a file as {@code architecture} names them. */
    public HfTensors(SafetensorsFile file, HfArchitecture<?> architecture) {
        this.file = file;
        this.prefix = architecture.optionalPrefix();
        this.mayPrefix = architecture::mayPrefix;
    }

    /** True if the file holds this tensor under any accepted variant of its name. */
    public boolean has(String canonical) {
        return resolve(canonical) != null;
    }

    /** The tensor under any accepted variant of its canonical name; a clear error if absent. */
    public HostTensor read(String canonical) throws IOException {
        String stored = resolve(canonical);
        if (stored == null) {
            throw new IllegalArgumentException(file.path() + ": missing tensor '" + canonical + "'"
                    + (prefixed(canonical) ? " (or '" + prefix + canonical + "')" : ""));
        }
        consumed.add(stored);
        HostTensor tensor = file.tensor(stored);
        return new HostTensor(canonical, tensor.shape(), tensor.data());
    }

    /** Fails naming the tensors that were neither read nor matched by {@code ignorable}. */
    public void requireAllUsed(Predicate<String> ignorable) {
        Set<String> unused = new TreeSet<>();
        for (String name : file.names()) {
            String canonical = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
            if (!consumed.contains(name) && !ignorable.test(canonical)) {
                unused.add(name);
            }
        }
        if (!unused.isEmpty()) {
            List<String> shown = new ArrayList<>(unused).subList(0, Math.min(5, unused.size()));
            throw new IllegalArgumentException(file.path() + ": unexpected tensor" + (unused.size() > 1 ? "s " : " ")
                    + String.join(", ", shown) + (unused.size() > 5 ? " and " + (unused.size() - 5) + " more" : "")
                    + "; the model has no place for them");
        }
    }

    private String resolve(String canonical) {
        for (String candidate : variants(canonical)) {
            if (file.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private boolean prefixed(String canonical) {
        return !prefix.isEmpty() && mayPrefix.test(canonical);
    }

    private List<String> variants(String canonical) {
        List<String> names = new ArrayList<>();
        List<String> forms = new ArrayList<>(List.of(canonical));
        if (canonical.endsWith("LayerNorm.weight")) {
            forms.add(canonical.substring(0, canonical.length() - "weight".length()) + "gamma");
        } else if (canonical.endsWith("LayerNorm.bias")) {
            forms.add(canonical.substring(0, canonical.length() - "bias".length()) + "beta");
        }
        for (String form : forms) {
            names.add(form);
            if (prefixed(form)) {
                names.add(prefix + form);
            }
        }
        return names;
    }
}
