package org.lmlab.models.safetensors;

import java.util.Map;

/**
 * A parsed and validated safetensors header: tensors in file order and the optional metadata.
 *
 * @param tensors  tensor descriptions keyed by name, in the order the header lists them
 * @param metadata the {@code __metadata__} entries (empty when absent)
 */
record SafetensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata) {
}
