package org.lmlab.eval.report.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.Section;
import org.lmlab.eval.report.doc.TableBuilder;
import org.lmlab.eval.report.read.ConfigTrees;
import org.lmlab.eval.report.read.RunFiles;

/**
 * The provenance block, the one place a report holds times: the resolved config files with their
 * SHA-256, the run's {@code provenance.json} (git commit, versions, machine, threads, command,
 * start time; "not recorded" for runs older than that file), the seeds and data SHA-256 found in
 * the configs, and the wall time as the run recorded it. The config files follow verbatim.
 */
final class ProvenanceSection {

    private final Path dir;
    private final List<Path> configs = new ArrayList<>();
    private final Map<String, String> facts = new LinkedHashMap<>();

    ProvenanceSection(Path dir) {
        this.dir = dir;
    }

    /** A resolved config file of the run (its seeds and data hashes are listed). */
    ProvenanceSection config(Path file) {
        configs.add(file);
        return this;
    }

    /** A further fact (a wall time, a data hash recorded outside the configs). */
    ProvenanceSection fact(String name, String value) {
        facts.put(name, value);
        return this;
    }

    Section build() throws IOException {
        List<Block> blocks = new ArrayList<>();
        TableBuilder table = new TableBuilder("", "field", "value");
        for (Path config : configs) {
            table.row("config " + dir.relativize(config) + " SHA-256", RunFiles.sha256(config));
        }
        Optional<JsonNode> provenance = RunFiles.optionalTree(dir.resolve("provenance.json"));
        if (provenance.isEmpty()) {
            table.row("provenance.json", "not recorded (the run predates it)");
        } else {
            JsonNode p = provenance.get();
            table.row("lmlab version", text(p, "lmlab_version"));
            JsonNode git = p.path("git");
            table.row("git commit", git.isObject() ? git.path("commit").asText("not recorded")
                    + (git.path("dirty").asBoolean(false) ? " (dirty: uncommitted changes)" : "") : "not recorded");
            table.row("Java", text(p, "java"));
            table.row("DJL", text(p, "djl"));
            table.row("PyTorch", text(p, "pytorch"));
            table.row("OS", text(p, "os"));
            table.row("CPU", text(p, "cpu") + (p.has("cores") ? ", " + p.path("cores").asText() + " cores" : ""));
            table.row("threads (intra-op, inter-op)", text(p, "threads") + ", " + text(p, "interop_threads"));
            if (p.has("native_math")) {
                table.row("native math (MKL kernels)", text(p, "native_math"));
            }
            List<String> command = new ArrayList<>();
            p.path("command").forEach(c -> command.add(c.asText()));
            table.row("command", command.isEmpty() ? "not recorded" : String.join(" ", command));
            table.row("started at", text(p, "started_at"));
        }
        for (Path config : configs) {
            String name = dir.relativize(config).toString();
            ConfigTrees.flatten(RunFiles.tree(config)).forEach((path, value) -> {
                String leaf = path.substring(path.lastIndexOf('.') + 1);
                if (leaf.equals("seed") || leaf.endsWith("_seed")) {
                    table.row("seed " + name + ": " + path, value);
                } else if (leaf.contains("sha256") || leaf.contains("fingerprint")) {
                    table.row("data SHA-256 " + name + ": " + path, value);
                }
            });
        }
        facts.forEach(table::row);
        blocks.add(table.build());
        for (Path config : configs) {
            blocks.add(new Block.Code("Resolved config " + dir.relativize(config),
                    Files.readString(config, StandardCharsets.UTF_8)));
        }
        return new Section("Provenance", blocks);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "not recorded" : value.asText();
    }
}
