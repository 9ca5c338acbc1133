package org.lmlab.models.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.hf.HfArchitecture;
import org.lmlab.models.hf.HfTensors;
import org.lmlab.models.hf.TensorRule;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.safetensors.SafetensorsFile;

/** Reads a Hugging Face checkpoint's tensors into lmlab names by the family's rules, refusing stray tensors. */
final class HfWeightReader {

    private HfWeightReader() {
    }

    static Map<String, HostTensor> read(HfArchitecture<?> architecture, ModelConfig config, SafetensorsFile file) throws IOException {
        HfTensors source = new HfTensors(file, architecture);
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (TensorRule rule : architecture.rules(config)) {
            List<HostTensor> parts = new ArrayList<>();
            for (String name : rule.hf()) {
                parts.add(source.read(name));
            }
            tensors.put(rule.lmlab(), rule.toLmlab(parts));
        }
        source.requireAllUsed(architecture.ignorable(config));
        return tensors;
    }
}
