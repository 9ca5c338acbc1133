package org.lmlab.finetune.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lmlab.finetune.classify.LabelledItem;

/** Bag-of-words features exactly, and the Tribuo logistic-regression baseline on a tiny separable set. */
class TribuoBaselineTest {

    @Test
    void featuresAreLowerCasedUnigramAndBigramCountsWithSymbolsAsTokens() {
        assertEquals(List.of("win", "£", "1000", "now", "!", "win"), BagOfWords.tokens("WIN £1000 now! win"));
        assertEquals(Map.of("w=free", 2, "w=entry", 1, "b=free|entry", 1, "b=entry|free", 1),
                BagOfWords.counts("Free entry free"));
        assertEquals(Map.of("w=hi", 1, "w=!", 1, "b=hi|!", 1), BagOfWords.counts("Hi!"));
    }

    /** Ham mentions meeting, spam mentions prizes; the filler words are shared. */
    private static List<LabelledItem> separable(int count, int offset) {
        String[] filler = {"today", "you", "the", "call", "now", "please", "text", "me"};
        String[] ham = {"lunch", "meeting", "dinner", "home"};
        String[] spam = {"prize", "winner", "cash", "claim"};
        List<LabelledItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean isSpam = i % 2 == 1;
            String word = (isSpam ? spam : ham)[(i / 2 + offset) % 4];
            String text = filler[(i + offset) % 8] + " " + word + " " + filler[(3 * i + 1 + offset) % 8];
            items.add(new LabelledItem(i + 1, isSpam ? "spam" : "ham", text));
        }
        return items;
    }

    @Test
    void onATinySeparableSetTheBaselineIsAlwaysRight() {
        for (Weighting weighting : Weighting.values()) {
            TribuoBaseline.Fitted fitted = new TribuoBaseline(weighting, 10, 7).fit(separable(24, 0));
            List<LabelledItem> test = separable(16, 1);
            List<BaselinePrediction> predicted = fitted.predict(test.stream().map(LabelledItem::text).toList());
            for (int i = 0; i < test.size(); i++) {
                assertEquals(test.get(i).label(), predicted.get(i).label(), weighting + ": " + test.get(i).text());
                assertTrue(predicted.get(i).probability() > 0.5 && predicted.get(i).probability() <= 1, predicted.get(i).toString());
            }
        }
    }

    @Test
    void aTextOfUnseenWordsStillGetsAPredictionAndTheSameSeedTheSameOne() {
        List<LabelledItem> train = separable(24, 0);
        BaselinePrediction first = TribuoBaseline.standard(3).fit(train).predict(List.of("zebra")).get(0);
        BaselinePrediction again = TribuoBaseline.standard(3).fit(train).predict(List.of("zebra")).get(0);
        assertEquals(first, again);
        assertTrue(List.of("ham", "spam").contains(first.label()), first.toString());
    }
}
