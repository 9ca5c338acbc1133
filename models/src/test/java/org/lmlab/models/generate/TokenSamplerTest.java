package org.lmlab.models.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sampler's choices and when they are certain under a logit tolerance, on hand-made logits. */
class TokenSamplerTest {

    @Test
    void aGreedyChoiceIsCertainOnlyWhenItsMarginExceedsTwiceTheTolerance() {
        TokenSampler greedy = new TokenSampler(SamplingConfig.greedy(5));
        float[] logits = {0.1f, 2.0f, 1.99f, -3f};
        assertEquals(new TokenSampler.Choice(1, true), greedy.choose(logits, 0.004f));
        assertEquals(new TokenSampler.Choice(1, false), greedy.choose(logits, 0.006f));
        assertEquals(new TokenSampler.Choice(0, false), greedy.choose(new float[] {1f, 1f}, 0f), "a tie is never certain");
        assertEquals(new TokenSampler.Choice(0, true), greedy.choose(new float[] {7f}, 1f));
    }

    @Test
    void theDrawWalksTheCandidatesInIdOrder() {
        // Probabilities 1/4 (id 0) and 3/4 (id 1): a draw below 1/4 picks id 0 even though id 1 sorts first.
        float[] logits = {0f, (float) Math.log(3)};
        for (long seed = 0; seed < 20; seed++) {
            double fraction = new SplittableRandom(seed).nextDouble();
            int token = new TokenSampler(new SamplingConfig(1, 1f, 0, 1f, seed, -1)).next(logits);
            assertEquals(fraction < 0.25 ? 0 : 1, token, "seed " + seed + " draws " + fraction);
        }
    }

    @Test
    void aSampledChoiceIsUncertainWhenTheDrawIsNearTheEdgeOfItsShare() {
        float[] logits = {0f, (float) Math.log(3)};
        // Find seeds whose draw is within 1e-3 of the 1/4 edge, and one far from it.
        long near = -1;
        long far = -1;
        for (long seed = 0; seed < 100_000 && (near < 0 || far < 0); seed++) {
            double distance = Math.abs(new SplittableRandom(seed).nextDouble() - 0.25);
            if (distance < 1e-3 && near < 0) {
                near = seed;
            } else if (distance > 0.2 && far < 0) {
                far = seed;
            }
        }
        // tolerance 0.01 at temperature 1 moves a share by up to expm1(0.02), about 0.02 > 1e-3.
        assertFalse(new TokenSampler(new SamplingConfig(1, 1f, 0, 1f, near, -1)).choose(logits, 0.01f).certain());
        assertTrue(new TokenSampler(new SamplingConfig(1, 1f, 0, 1f, far, -1)).choose(logits, 0.01f).certain());
        assertTrue(new TokenSampler(new SamplingConfig(1, 1f, 0, 1f, near, -1)).choose(logits, 0f).certain());
    }

    @Test
    void aTopKCutBetweenNearlyEqualLogitsIsUncertain() {
        float[] logits = {1f, 3f, 2.999f, 0f};
        // top-k 1 keeps id 1 alone, but id 2 is within 2 x 0.001 of it: either could be kept.
        TokenSampler.Choice choice = new TokenSampler(new SamplingConfig(1, 1f, 1, 1f, 3L, -1)).choose(logits, 0.001f);
        assertEquals(1, choice.token());
        assertFalse(choice.certain());
        assertTrue(new TokenSampler(new SamplingConfig(1, 1f, 1, 1f, 3L, -1)).choose(logits, 0.0001f).certain());
    }
}
