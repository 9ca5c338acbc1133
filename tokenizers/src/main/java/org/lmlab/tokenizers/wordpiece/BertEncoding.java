package org.lmlab.tokenizers.wordpiece;

import java.util.Arrays;

/**
 * A framed BERT input: {@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]}, with the
 * token type (segment) id of each position: 0 for the first text and its {@code [SEP]}, 1 for
 * the second text and its {@code [SEP]}.
 */
public record BertEncoding(int[] ids, int[] typeIds) {

    public BertEncoding {
        if (ids.length != typeIds.length) {
            throw new IllegalArgumentException("ids and type ids differ in length: " + ids.length + " vs " + typeIds.length);
        }
        ids = ids.clone();
        typeIds = typeIds.clone();
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public int[] typeIds() {
        return typeIds.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BertEncoding that
                && Arrays.equals(ids, that.ids) && Arrays.equals(typeIds, that.typeIds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(typeIds);
    }

    @Override
    public String toString() {
        return "BertEncoding[ids=" + Arrays.toString(ids) + ", typeIds=" + Arrays.toString(typeIds) + "]";
    }
}
