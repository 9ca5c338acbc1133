package org.lmlab.eval.tasks.instructions;

/**
 * One answered instruction: its position in the responses file (from 0), the instruction, its
 * input (empty when absent), the reference output and the model's response.
 */
public record ResponseRecord(int index, String instruction, String input, String output, String response) {
}
