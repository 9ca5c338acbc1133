package org.lmlab.eval.tasks.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.eval.EvalModule;
import org.lmlab.eval.metric.MetricSpec;
import org.lmlab.eval.metric.MetricSummaries;
import org.lmlab.eval.metric.MetricValue;
import org.lmlab.eval.task.EvalContext;
import org.lmlab.eval.task.EvalProgress;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.eval.task.Task;
import org.lmlab.eval.task.TaskConfig;
import org.lmlab.eval.task.TaskOutput;
import org.lmlab.eval.task.Tasks;
import org.lmlab.layers.config.ConfigMapper;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;

class ClassificationTaskTest {

    private static final List<String> LABELS = List.of("neg", "neu", "pos");

    /** (source line, gold, predicted): confusion rows gold neg [2,0,1], neu [1,1,1], pos [0,1,3]. */
    private static final String[][] ITEMS = {
        {"11", "neg", "neg"}, {"12", "neg", "neg"}, {"13", "neg", "pos"}, {"14", "neu", "neu"}, {"15", "neu", "neg"},
        {"16", "pos", "pos"}, {"17", "pos", "pos"}, {"18", "pos", "neu"}, {"19", "pos", "pos"}, {"20", "neu", "pos"},
    };

    @TempDir
    Path dir;

    private Path run(String predictionsName, String[][] items) throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run.resolve("model"));
        Files.createDirectories(run.resolve("data"));
        Files.writeString(run.resolve("model/labels.json"),
                "{\"labels\":[\"neg\",\"neu\",\"pos\"],\"tokenizer\":\"gpt2\",\"framing\":\"plain\",\"max_length\":16}\n");
        StringBuilder tsv = new StringBuilder("id\tlabel\ttext\n");
        StringBuilder predictions = new StringBuilder();
        for (String[] item : items) {
            tsv.append(item[0]).append('\t').append(item[1]).append("\ttext\\tof ").append(item[0]).append('\n');
            predictions.append("{\"id\":").append(item[0]).append(",\"text\":\"text\\tof ").append(item[0])
                    .append("\",\"gold\":\"").append(item[1]).append("\",\"predicted\":\"").append(item[2])
                    .append("\",\"probability\":0.75}\n");
        }
        Files.writeString(run.resolve("data/test.tsv"), tsv, StandardCharsets.UTF_8);
        Files.writeString(run.resolve(predictionsName), predictions, StandardCharsets.UTF_8);
        return run;
    }

    private EvalContext context(Path modelDirectory) {
        return new EvalContext(null, null, null, null, 1234, modelDirectory, dir.resolve("task"), EvalProgress.NONE);
    }

    private static double metric(List<MetricValue> values, String name) {
        return values.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void metricsOnAHandMadeRunEqualHandComputedValuesAndTribuos() throws IOException {
        Path run = run(ClassificationTaskConfig.MODEL_PREDICTIONS, ITEMS);
        ClassificationTask task = new ClassificationTask(ClassificationTaskConfig.DEFAULTS);
        TaskOutput output = task.evaluate(context(run.resolve("model")));
        List<ItemResult> items = output.items();
        assertEquals(10, items.size());
        ItemResult third = items.get(2);
        assertEquals("test/13", third.id());
        assertEquals(0, third.gold());
        assertEquals(2, third.prediction());
        assertEquals(false, third.correct());
        assertEquals(Map.of("text", "text\tof 13", "gold", "neg", "prediction", "pos"), third.texts());
        assertEquals(1.0, third.value("fn_neg"));
        assertEquals(1.0, third.value("fp_pos"));
        assertEquals(0.0, third.value("tp_neu"));

        List<MetricSpec> specs = task.metrics();
        assertEquals(List.of("accuracy", "precision_neg", "recall_neg", "f1_neg", "precision_neu", "recall_neu", "f1_neu",
                "precision_pos", "recall_pos", "f1_pos"), specs.stream().map(MetricSpec::name).toList());
        List<MetricValue> values = new MetricSummaries(200, 5).summarise(specs, items);
        // neg: tp 2 fp 1 fn 1; neu: tp 1 fp 1 fn 2; pos: tp 3 fp 2 fn 1.
        assertEquals(0.6, metric(values, "accuracy"), 1e-15);
        assertEquals(2.0 / 3, metric(values, "precision_neg"), 1e-15);
        assertEquals(2.0 / 3, metric(values, "recall_neg"), 1e-15);
        assertEquals(2.0 / 3, metric(values, "f1_neg"), 1e-15);
        assertEquals(1.0 / 2, metric(values, "precision_neu"), 1e-15);
        assertEquals(1.0 / 3, metric(values, "recall_neu"), 1e-15);
        assertEquals(2.0 / 5, metric(values, "f1_neu"), 1e-15);
        assertEquals(3.0 / 5, metric(values, "precision_pos"), 1e-15);
        assertEquals(3.0 / 4, metric(values, "recall_pos"), 1e-15);
        assertEquals(2.0 / 3, metric(values, "f1_pos"), 1e-15);
        MetricValue accuracy = values.get(0);
        assertTrue(accuracy.ci().low() < 0.6 && 0.6 < accuracy.ci().high());
        assertEquals(10, values.get(9).n());

        @SuppressWarnings("unchecked")
        Map<String, Object> confusion = (Map<String, Object>) output.extras().get("confusion");
        assertEquals(LABELS, confusion.get("labels"));
        assertEquals(List.of(List.of(2L, 0L, 1L), List.of(1L, 1L, 1L), List.of(0L, 1L, 3L)), confusion.get("matrix"));

        List<LabelledPrediction> predictions = ClassificationRun.predictions(run.resolve(ClassificationTaskConfig.MODEL_PREDICTIONS));
        LabelEvaluation tribuo = TribuoFigures.evaluate(LABELS, predictions, "test");
        assertEquals(tribuo.accuracy(), metric(values, "accuracy"), 1e-12);
        double macroF1 = 0;
        for (int gold = 0; gold < 3; gold++) {
            Label label = new Label(LABELS.get(gold));
            assertEquals(tribuo.precision(label), metric(values, "precision_" + label.getLabel()), 1e-12);
            assertEquals(tribuo.recall(label), metric(values, "recall_" + label.getLabel()), 1e-12);
            assertEquals(tribuo.f1(label), metric(values, "f1_" + label.getLabel()), 1e-12);
            macroF1 += metric(values, "f1_" + label.getLabel()) / 3;
            for (int predicted = 0; predicted < 3; predicted++) {
                assertEquals(tribuo.confusion(new Label(LABELS.get(predicted)), label),
                        (double) ((List<List<Long>>) confusion.get("matrix")).get(gold).get(predicted));
            }
        }
        assertEquals(26.0 / 45, macroF1, 1e-15);
        assertEquals(tribuo.macroAveragedF1(), macroF1, 1e-12);
        @SuppressWarnings("unchecked")
        Map<String, Object> figures = (Map<String, Object>) output.extras().get("tribuo");
        assertEquals(0.6, (double) figures.get("accuracy"), 1e-12);
        assertEquals(26.0 / 45, (double) figures.get("macro_f1"), 1e-12);
        assertEquals(List.of(), output.notes());
    }

    @Test
    void theBaselinesPredictionsAreEvaluatedTheSameWayUnderTheSmsSpamName() throws IOException {
        String[][] baseline = {{"11", "neg", "neg"}, {"12", "neu", "neu"}, {"13", "pos", "neu"}, {"14", "pos", "pos"}};
        Path run = run(ClassificationTaskConfig.BASELINE_PREDICTIONS, baseline);
        Task task = new ClassificationTask(new ClassificationTaskConfig("sms-spam", run.toString(),
                ClassificationTaskConfig.BASELINE_PREDICTIONS));
        assertEquals("sms-spam", task.name());
        assertEquals(10, task.metrics().size(), "the labels are read from the given run before evaluating");
        TaskOutput output = task.evaluate(context(null));
        assertEquals(List.of("test/11", "test/12", "test/13", "test/14"), output.items().stream().map(ItemResult::id).toList());
        assertEquals(0.75, MetricSpec.accuracy().over(output.items()), 1e-15);
        assertEquals(0.5, task.metrics().get(4).over(output.items()), 1e-15, "precision_neu: 1 of 2");
    }

    @Test
    void aLabelNeverPredictedGetsANoteAndNaNPrecision() throws IOException {
        String[][] items = {{"1", "neg", "neg"}, {"2", "neu", "neg"}, {"3", "pos", "pos"}};
        Path run = run(ClassificationTaskConfig.MODEL_PREDICTIONS, items);
        ClassificationTask task = new ClassificationTask(ClassificationTaskConfig.DEFAULTS);
        TaskOutput output = task.evaluate(context(run.resolve("model")));
        assertEquals(List.of("label 'neu' is never predicted: its precision is undefined (NaN; Tribuo reports 0)"), output.notes());
        assertTrue(Double.isNaN(task.metrics().get(4).over(output.items())));
    }

    @Test
    void badRunsFailWithOneLineNamingTheFileAndLine() throws IOException {
        Path run = run(ClassificationTaskConfig.MODEL_PREDICTIONS, ITEMS);
        Path predictions = run.resolve(ClassificationTaskConfig.MODEL_PREDICTIONS);
        ClassificationTask task = new ClassificationTask(ClassificationTaskConfig.DEFAULTS);

        List<String> lines = new ArrayList<>(Files.readAllLines(predictions));
        lines.set(3, lines.get(3).replace("\"predicted\":\"neu\"", "\"predicted\":\"maybe\""));
        Files.write(predictions, lines);
        assertEquals(predictions + ": line 4: predicted label 'maybe' is not one of the run's labels [neg, neu, pos]",
                assertThrows(IOException.class, () -> task.evaluate(context(run.resolve("model")))).getMessage());

        lines.set(3, "{\"id\":14,\"text\":\"x\",\"gold\":\"neu\"}");
        Files.write(predictions, lines);
        assertEquals(predictions + ": line 4: \"predicted\" must be a string",
                assertThrows(IOException.class, () -> task.evaluate(context(run.resolve("model")))).getMessage());

        lines.set(3, "{\"id\":99,\"text\":\"x\",\"gold\":\"neu\",\"predicted\":\"neu\",\"probability\":0.5}");
        Files.write(predictions, lines);
        assertEquals(predictions + ": line 4: item 99 (gold 'neu') is not " + run.resolve("data/test.tsv")
                + "'s item 4 (14, gold 'neu')",
                assertThrows(IOException.class, () -> task.evaluate(context(run.resolve("model")))).getMessage());

        Files.delete(run.resolve("model/labels.json"));
        assertTrue(assertThrows(IOException.class, () -> task.evaluate(context(run.resolve("model")))).getMessage()
                .contains("labels.json"));
        assertEquals("task.run: required (the lmlab finetune classify run) when the evaluated model is not a run's model/ directory",
                assertThrows(IllegalArgumentException.class, () -> task.evaluate(context(null))).getMessage());
    }

    @Test
    void labelsFallBackToTheSplitRecordsIds() throws IOException {
        Path run = run(ClassificationTaskConfig.MODEL_PREDICTIONS, ITEMS);
        Files.delete(run.resolve("model/labels.json"));
        Files.writeString(run.resolve("data/splits.json"), "{\"labels\":{\"neg\":0,\"neu\":1,\"pos\":2}}");
        assertEquals(LABELS, new ClassificationRun(run).labels());
    }

    @Test
    void bothNamesAreRegisteredWithTheOneRecordAndDefaultsThatSaySo() throws IOException {
        Injector injector = Guice.createInjector(new EvalModule());
        Tasks tasks = injector.getInstance(Tasks.class);
        assertEquals(ClassificationTaskConfig.SMS_SPAM_DEFAULTS, tasks.defaults("sms-spam"));
        assertEquals(ClassificationTaskConfig.DEFAULTS, tasks.defaults("classification"));
        ConfigMapper mapper = injector.getInstance(ConfigMapper.class);
        TaskConfig read = mapper.json().readValue(
                "{\"type\":\"sms-spam\",\"run\":\"/r\",\"predictions\":\"predictions-test-baseline.jsonl\"}", TaskConfig.class);
        assertEquals(new ClassificationTaskConfig("sms-spam", "/r", "predictions-test-baseline.jsonl"), read);
        assertInstanceOf(ClassificationTask.class, tasks.create(read));
        assertEquals("sms-spam", tasks.create(read).name());
        assertEquals("{\"type\":\"classification\",\"run\":\"\",\"predictions\":\"predictions-test.jsonl\"}",
                mapper.json().writer().without(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(ClassificationTaskConfig.DEFAULTS));
    }
}
