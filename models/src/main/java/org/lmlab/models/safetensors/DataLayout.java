package org.lmlab.models.safetensors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks that the tensors of a header tile the data section exactly: every byte belongs to one
 * tensor, no two tensors share a byte, nothing lies past the end of the file and nothing follows
 * the last tensor. Runs before any tensor is read, so a lying header never causes an allocation.
 */
final class DataLayout {

    private DataLayout() {
    }

    /**
     * Validates the tensors against a data section of {@code dataLength} bytes.
     *
     * @throws TruncatedSafetensorsException if a tensor ends past the end of the file
     * @throws SafetensorsFormatException    on overlaps, holes or trailing bytes
     */
    static void validate(String file, SafetensorsHeader header, long dataLength) throws SafetensorsFormatException {
        List<TensorInfo> byOffset = new ArrayList<>(header.tensors().values());
        for (TensorInfo tensor : byOffset) {
            if (tensor.dataEnd() > dataLength) {
                throw new TruncatedSafetensorsException(file + ": file is truncated: tensor '" + tensor.name()
                        + "' needs data bytes [" + tensor.dataBegin() + ", " + tensor.dataEnd()
                        + ") but the data section has only " + dataLength + " bytes");
            }
        }
        byOffset.sort(Comparator.comparingLong(TensorInfo::dataBegin).thenComparingLong(TensorInfo::dataEnd));
        long covered = 0;
        TensorInfo previous = null;
        for (TensorInfo tensor : byOffset) {
            if (tensor.dataBegin() < covered) {
                throw new SafetensorsFormatException(file + ": tensor '" + tensor.name() + "' data ["
                        + tensor.dataBegin() + ", " + tensor.dataEnd() + ") overlaps tensor '" + previous.name()
                        + "' data [" + previous.dataBegin() + ", " + previous.dataEnd() + ")");
            }
            if (tensor.dataBegin() > covered) {
                throw new SafetensorsFormatException(file + ": data bytes [" + covered + ", " + tensor.dataBegin()
                        + ") before tensor '" + tensor.name() + "' belong to no tensor (a hole in the data section)");
            }
            covered = tensor.dataEnd();
            previous = tensor;
        }
        if (covered < dataLength) {
            throw new SafetensorsFormatException(file + ": " + (dataLength - covered) + " trailing bytes after "
                    + (previous == null ? "the header (the file has no tensors)" : "tensor '" + previous.name() + "'")
                    + " belong to no tensor");
        }
    }
}
