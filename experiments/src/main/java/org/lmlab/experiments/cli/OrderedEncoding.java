package org.lmlab.experiments.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lmlab.tokenizers.TokenizerFileException;

/**
 * Runs a {@link BlockEncoder} over the {@link LineBlocks} of an input on several threads and
 * writes the blocks' output in input order, so the bytes are those of one thread line by line,
 * however the work was shared. At most a few blocks per thread are in flight (memory stays
 * bounded on any input); an input of one block is encoded on the calling thread, with no pool.
 * A line that is not UTF-8 ends the output after the lines before it and fails naming the
 * input and the line, as a line-by-line loop would.
 */
final class OrderedEncoding {

    /** Blocks of this many bytes (whole lines) are the unit of work. */
    static final int BLOCK_SIZE = 1 << 16;

    private final int threads;
    private final int blockSize;

    /** {@code threads} workers (1: all on the calling thread) over blocks of {@code blockSize} bytes. */
    OrderedEncoding(int threads, int blockSize) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " < 1");
        }
        this.threads = threads;
        this.blockSize = blockSize;
    }

    /** As many workers as processors, blocks of {@link #BLOCK_SIZE}. */
    static OrderedEncoding standard() {
        return new OrderedEncoding(Runtime.getRuntime().availableProcessors(), BLOCK_SIZE);
    }

    /** Tokenises every line of {@code in} into {@code out}; {@code name} names the input in errors. */
    void run(InputStream in, BlockEncoder encoder, Writer out, String name) throws IOException {
        LineBlocks blocks = new LineBlocks(in, blockSize);
        LineBlocks.Block first = blocks.next();
        if (first == null) {
            return;
        }
        LineBlocks.Block second = blocks.next();
        if (second == null || threads == 1) {
            long lines = write(encoder.encode(first), 0, out, name);
            for (LineBlocks.Block block = second; block != null; block = blocks.next()) {
                lines = write(encoder.encode(block), lines, out, name);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "lmlab-tokenize");
            thread.setDaemon(true);
            return thread;
        });
        try {
            ArrayDeque<Future<BlockEncoder.Result>> pending = new ArrayDeque<>();
            pending.add(pool.submit(() -> encoder.encode(first)));
            pending.add(pool.submit(() -> encoder.encode(second)));
            long lines = 0;
            for (LineBlocks.Block block = blocks.next(); block != null; block = blocks.next()) {
                LineBlocks.Block next = block;
                pending.add(pool.submit(() -> encoder.encode(next)));
                if (pending.size() > 3 * threads) {
                    lines = write(result(pending.remove()), lines, out, name);
                }
            }
            while (!pending.isEmpty()) {
                lines = write(result(pending.remove()), lines, out, name);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes one block's output; returns the number of lines written so far, or fails at an invalid line. */
    private static long write(BlockEncoder.Result result, long linesBefore, Writer out, String name) throws IOException {
        out.append(result.text());
        long lines = linesBefore + result.lines();
        if (result.invalid()) {
            throw new TokenizerFileException(name, lines + 1, "not valid UTF-8");
        }
        return lines;
    }

    private static BlockEncoder.Result result(Future<BlockEncoder.Result> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while tokenizing");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("tokenizing failed", e.getCause());
        }
    }
}
