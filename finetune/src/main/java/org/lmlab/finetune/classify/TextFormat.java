package org.lmlab.finetune.classify;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How a labelled file is laid out: {@code tsv} ({@code label<TAB>text} per line, no header,
 * nothing quoted: the SMS Spam Collection's raw form), {@code csv} (RFC 4180, a header row
 * naming the columns, quoted fields may hold commas, quotes and line breaks) or {@code jsonl}
 * (one JSON object per line with named fields). {@code auto} picks by extension: {@code .csv},
 * {@code .jsonl}/{@code .ndjson}, else {@code tsv}.
 */
public enum TextFormat {
    TSV, CSV, JSONL;

    /** The format a config names ({@code auto}, {@code tsv}, {@code csv}, {@code jsonl}) for this file. */
    public static TextFormat of(String name, Path file) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("auto")) {
            String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (fileName.endsWith(".csv")) {
                return CSV;
            }
            return fileName.endsWith(".jsonl") || fileName.endsWith(".ndjson") ? JSONL : TSV;
        }
        for (TextFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(lower)) {
                return format;
            }
        }
        throw new IllegalArgumentException("data.format: unknown format '" + name + "'; known: auto, tsv, csv, jsonl");
    }
}
