package org.lmlab.models.hf;

import java.util.List;
import org.lmlab.models.safetensors.HostTensor;

/**
 * How one lmlab parameter is stored in a Hugging Face checkpoint: under another name, as the
 * transpose (GPT-2's {@code Conv1D} keeps [in, out]), or split into several tensors (BERT keeps
 * query, key and value apart where lmlab fuses them).
 */
public sealed interface TensorRule permits TensorRule.Renamed, TensorRule.Transposed, TensorRule.Stacked {

    /** The lmlab parameter name. */
    String lmlab();

    /** The Hugging Face tensor names it comes from, in order. */
    List<String> hf();

    /** The lmlab tensor from its Hugging Face tensors (given in {@link #hf()} order). */
    HostTensor toLmlab(List<HostTensor> tensors);

    /** The Hugging Face tensors of an lmlab tensor, in {@link #hf()} order. */
    List<HostTensor> toHf(HostTensor tensor);

    /** Same values, another name. */
    record Renamed(String lmlab, String hfName) implements TensorRule {
        @Override
        public List<String> hf() {
            return List.of(hfName);
        }

        @Override
        public HostTensor toLmlab(List<HostTensor> tensors) {
            return new HostTensor(lmlab, tensors.get(0).shape(), tensors.get(0).data());
        }

        @Override
        public List<HostTensor> toHf(HostTensor tensor) {
            return List.of(new HostTensor(hfName, tensor.shape(), tensor.data()));
        }
    }

    /** A matrix stored transposed. */
    record Transposed(String lmlab, String hfName) implements TensorRule {
        @Override
        public List<String> hf() {
            return List.of(hfName);
        }

        @Override
        public HostTensor toLmlab(List<HostTensor> tensors) {
            return transpose(lmlab, tensors.get(0));
        }

        @Override
        public List<HostTensor> toHf(HostTensor tensor) {
            return List.of(transpose(hfName, tensor));
        }

        private static HostTensor transpose(String name, HostTensor matrix) {
            long[] shape = matrix.shape();
            if (shape.length != 2) {
                throw new IllegalArgumentException("tensor '" + matrix.name() + "': expected a matrix, got "
                        + java.util.Arrays.toString(shape));
            }
            int rows = (int) shape[0];
            int columns = (int) shape[1];
            float[] source = matrix.data();
            float[] result = new float[source.length];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    result[c * rows + r] = source[r * columns + c];
                }
            }
            return new HostTensor(name, new long[] {columns, rows}, result);
        }
    }

    /** Several tensors of the same shape stacked along the first axis (rows), in order. */
    record Stacked(String lmlab, List<String> hf) implements TensorRule {
        public Stacked {
            hf = List.copyOf(hf);
        }

        @Override
        public HostTensor toLmlab(List<HostTensor> tensors) {
            long[] partShape = tensors.get(0).shape();
            int partLength = tensors.get(0).data().length;
            float[] data = new float[partLength * tensors.size()];
            for (int i = 0; i < tensors.size(); i++) {
                HostTensor part = tensors.get(i);
                if (!java.util.Arrays.equals(partShape, part.shape())) {
                    throw new IllegalArgumentException("tensor '" + part.name() + "' has shape "
                            + java.util.Arrays.toString(part.shape()) + ", expected "
                            + java.util.Arrays.toString(partShape) + " like '" + tensors.get(0).name() + "'");
                }
                System.arraycopy(part.data(), 0, data, i * partLength, partLength);
            }
            long[] shape = partShape.clone();
            shape[0] *= tensors.size();
            return new HostTensor(lmlab, shape, data);
        }

        @Override
        public List<HostTensor> toHf(HostTensor tensor) {
            long[] shape = tensor.shape();
            if (shape[0] % hf.size() != 0) {
                throw new IllegalArgumentException("tensor '" + lmlab + "' with " + shape[0] + " rows cannot be split into "
                        + hf.size());
            }
            long[] partShape = shape.clone();
            partShape[0] /= hf.size();
            int partLength = tensor.data().length / hf.size();
            List<HostTensor> parts = new java.util.ArrayList<>();
            for (int i = 0; i < hf.size(); i++) {
                parts.add(new HostTensor(hf.get(i), partShape,
                        java.util.Arrays.copyOfRange(tensor.data(), i * partLength, (i + 1) * partLength)));
            }
            return parts;
        }
    }
}
