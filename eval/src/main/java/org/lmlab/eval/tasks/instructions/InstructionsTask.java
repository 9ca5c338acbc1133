package org.lmlab.eval.tasks.instructions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.eval.judge.JudgeClient;
import org.lmlab.eval.judge.JudgeConfig;
import org.lmlab.eval.judge.JudgeLog;
import org.lmlab.eval.judge.JudgeReply;
import org.lmlab.eval.metric.MetricSpec;
import org.lmlab.eval.metric.Transform;
import org.lmlab.eval.task.EvalContext;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.eval.task.Task;
import org.lmlab.eval.task.TaskOutput;
import org.lmlab.eval.text.ExactMatch;
import org.lmlab.eval.text.RougeL;
import org.lmlab.training.data.Sha256;

/**
 * Evaluates answered instructions: per record (id {@code test/<index>}) {@code exact_match}
 * ({@link ExactMatch}) and {@code rouge_l} ({@link RougeL} F1) against the reference output and,
 * with a judge, {@code judge}: the book's chapter-7 score from 0 to 100. A reply that is not such
 * an integer leaves its item unscored ({@code judged} 0, {@code judge} 0); the {@code judge}
 * metric is {@code sum judge / sum judged}, the mean over scored items only, and the extras
 * count the malformed replies. Every judge request and reply is kept in the task directory's
 * {@value #REPLIES}.
 */
public final class InstructionsTask implements Task {

    /** Bumped when what is read or computed changes. */
    public static final int VERSION = 1;

    /** The judge's raw replies in the task directory. */
    public static final String REPLIES = "judge-replies.jsonl";

    private final InstructionsTaskConfig config;

    public InstructionsTask(InstructionsTaskConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return config.type();
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public List<MetricSpec> metrics() {
        List<MetricSpec> metrics = new ArrayList<>();
        metrics.add(MetricSpec.mean("exact_match", "exact_match", true));
        metrics.add(MetricSpec.mean("rouge_l", "rouge_l", true));
        if (config.judge() != null) {
            metrics.add(MetricSpec.ratio("judge", "judge", "judged", Transform.IDENTITY, true));
        }
        return metrics;
    }

    @Override
    public TaskOutput evaluate(EvalContext context) throws IOException {
        Path file = responsesFile(context);
        List<ResponseRecord> records = ResponsesFile.read(file);
        List<ItemResult> items = new ArrayList<>();
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("responses", file.toString());
        extras.put("responses_sha256", Sha256.of(file));
        List<String> notes = new ArrayList<>();
        JudgeConfig judgeConfig = config.judge();
        if (judgeConfig == null) {
            for (ResponseRecord record : records) {
                items.add(item(record, null));
                context.progress().onItems(name(), items.size(), records.size());
            }
            return new TaskOutput(items, extras, notes);
        }
        Path replies = context.taskDirectory().resolve(REPLIES);
        int malformed = 0;
        try (JudgeLog log = new JudgeLog(replies)) {
            JudgeClient judge = new JudgeClient(judgeConfig, log);
            for (ResponseRecord record : records) {
                JudgeReply reply = judge.score(id(record), record.instruction(), record.input(), record.output(), record.response());
                malformed += reply.scored() ? 0 : 1;
                items.add(item(record, reply));
                context.progress().onItems(name(), items.size(), records.size());
            }
        }
        Map<String, Object> judged = new LinkedHashMap<>();
        judged.put("url", judgeConfig.url());
        judged.put("model", judgeConfig.model());
        judged.put("seed", judgeConfig.seed());
        judged.put("scored", records.size() - malformed);
        judged.put("malformed", malformed);
        judged.put("replies", REPLIES);
        extras.put("judge", judged);
        if (malformed > 0) {
            notes.add(malformed + " of " + records.size() + " judge replies were not an integer from 0 to 100; "
                    + "those items are left out of the judge mean (see " + REPLIES + ")");
        }
        return new TaskOutput(items, extras, notes);
    }

    private static String id(ResponseRecord record) {
        return "test/" + record.index();
    }

    private static ItemResult item(ResponseRecord record, JudgeReply reply) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("exact_match", ExactMatch.score(record.response(), record.output()));
        values.put("rouge_l", RougeL.f1(record.response(), record.output()));
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("instruction", record.instruction());
        texts.put("input", record.input());
        texts.put("reference", record.output());
        texts.put("response", record.response());
        if (reply != null) {
            values.put("judge", reply.scored() ? reply.score() : 0.0);
            values.put("judged", reply.scored() ? 1.0 : 0.0);
            if (reply.reply() != null) {
                texts.put("judge_reply", reply.reply());
            }
        }
        return new ItemResult(id(record), null, null, null, null, null, values, texts);
    }

    private Path responsesFile(EvalContext context) {
        if (!config.responses().isEmpty()) {
            return Path.of(config.responses());
        }
        if (!config.run().isEmpty()) {
            return Path.of(config.run()).resolve(InstructionsTaskConfig.RESPONSES);
        }
        if (context.modelDirectory() == null || context.modelDirectory().toAbsolutePath().getParent() == null) {
            throw new IllegalArgumentException("task.run or task.responses: required when the evaluated model is not a "
                    + "finetune-instruct run's model/ directory");
        }
        return context.modelDirectory().toAbsolutePath().getParent().resolve(InstructionsTaskConfig.RESPONSES);
    }
}
