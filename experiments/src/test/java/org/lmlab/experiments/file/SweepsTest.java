package org.lmlab.experiments.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.attention.GroupedQueryAttentionConfig;
import org.lmlab.layers.attention.MultiHeadAttentionConfig;

/** A sweep expands into its grid, first path slowest, each point resolved and validated before anything runs. */
class SweepsTest {

    @TempDir
    Path temp;

    private ExperimentFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new ExperimentFixture(temp);
    }

    private List<SweepPoint> expand(String sweep) throws IOException {
        Path file = fixture.write("sweep.yaml", ExperimentFixture.BASE + sweep);
        return fixture.sweeps().expand(fixture.resolve(file).resolved(), file);
    }

    @Test
    void aGridOfSeedsAndAttentionVariantsHasEveryPointInOrder() throws IOException {
        List<SweepPoint> points = expand("""
                sweep:
                  seed: [1, 2, 3]
                  models.gpt.model.block.attention: [{type: multi-head}, {type: grouped-query, kv_heads: 2}]
                """);
        assertEquals(List.of("seed=1,attention=multi-head", "seed=1,attention=grouped-query", "seed=2,attention=multi-head",
                "seed=2,attention=grouped-query", "seed=3,attention=multi-head", "seed=3,attention=grouped-query"),
                points.stream().map(SweepPoint::label).toList());
        SweepPoint third = points.get(3);
        assertEquals(2, third.experiment().seed());
        assertEquals(2, third.experiment().pretrain().orElseThrow().train().seed(), "the point's seed trains");
        assertEquals(new GroupedQueryAttentionConfig("grouped-query", 4, 2, true, true, 0f),
                third.experiment().models().get("gpt").model().block().attention(), "merged onto the preset's attention");
        assertEquals(new MultiHeadAttentionConfig("multi-head", 4, true, true, 0f),
                points.get(0).experiment().models().get("gpt").model().block().attention());
        assertEquals("grouped-query", third.resolved().at("/models/gpt/model/block/attention/type").asText());
        assertTrue(third.resolved().get("sweep").isNull(), "a point is a plain experiment");
        assertEquals(List.of("seed", "models.gpt.model.block.attention"), third.assignments().stream().map(a -> a.path()).toList());
        Set<String> hashes = points.stream().map(p -> p.experiment().hash()).collect(Collectors.toSet());
        assertEquals(6, hashes.size(), "every point is a different experiment");
        assertEquals("multi-head", points.get(4).experiment().models().get("bert").model().block().attention().type(),
                "the other model is untouched");
    }

    @Test
    void positionTypesAreSweptByTheirValueAndTheLabelNamesTheParent() throws IOException {
        List<SweepPoint> points = expand("""
                sweep:
                  models.gpt.model.positions.type: [learned, rope, alibi]
                """);
        assertEquals(List.of("positions=learned", "positions=rope", "positions=alibi"), points.stream().map(SweepPoint::label).toList());
        assertEquals("alibi", points.get(2).experiment().models().get("gpt").model().positions().type());
    }

    @Test
    void aFileWithoutASweepIsOnePoint() throws IOException {
        List<SweepPoint> points = expand("");
        assertEquals(1, points.size());
        assertEquals("", points.get(0).label());
    }

    @Test
    void aPathTheResolvedTreeDoesNotHaveIsNamed() throws IOException {
        ExperimentFileException error = assertThrows(ExperimentFileException.class, () -> expand("""
                sweep:
                  models.gpt.model.block.attn.type: [multi-head]
                """));
        assertEquals(List.of("sweep.yaml: sweep.models.gpt.model.block.attn.type: no such path in the resolved experiment"
                + " (see lmlab run --check --print-config)"), error.errors());
    }

    @Test
    void everyBadPointIsReportedUpFront() throws IOException {
        ExperimentFileException error = assertThrows(ExperimentFileException.class, () -> expand("""
                sweep:
                  models.gpt.model.block.attention.heads: [4, 3, 5]
                """));
        assertEquals(List.of(
                "sweep.yaml: sweep point heads=3: models.gpt.model.attention.heads: must divide width (128), got 3",
                "sweep.yaml: sweep point heads=5: models.gpt.model.attention.heads: must divide width (128), got 5"), error.errors());
    }
}
