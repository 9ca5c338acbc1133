package org.lmlab.tokenizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Compares a tokenizer's ids with golden ids for every fixture document and names the first mismatch. */
final class GoldenIds {

    private GoldenIds() {
    }

    /** Asserts {@code encoder(document) == expected[document]} for all 2,885 documents. */
    static void assertAllMatch(String expectedFile, Function<String, int[]> encoder) {
        List<Fixtures.Document> documents = Fixtures.documents();
        List<int[]> expected = Fixtures.ids(expectedFile);
        assertEquals(2885, documents.size(), "fixture documents");
        assertEquals(documents.size(), expected.size(), expectedFile + " has one line per document");
        int matched = 0;
        for (Fixtures.Document document : documents) {
            int[] want = expected.get(document.index());
            int[] got = encoder.apply(document.text());
            if (!Arrays.equals(want, got)) {
                fail(expectedFile + ": " + document.describe() + " differs " + firstDifference(want, got)
                        + " (" + matched + " documents matched before it)");
            }
            matched++;
        }
        assertEquals(2885, matched);
    }

    private static String firstDifference(int[] want, int[] got) {
        int at = 0;
        while (at < want.length && at < got.length && want[at] == got[at]) {
            at++;
        }
        return "at id " + at + ": expected " + window(want, at) + " (" + want.length + " ids), got " + window(got, at)
                + " (" + got.length + " ids)";
    }

    private static String window(int[] ids, int at) {
        return Arrays.toString(Arrays.copyOfRange(ids, Math.max(0, at - 2), Math.min(ids.length, at + 4)));
    }
}
