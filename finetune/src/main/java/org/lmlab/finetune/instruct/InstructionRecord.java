package org.lmlab.finetune.instruct;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One Alpaca-style record: what to do ({@code instruction}), optional {@code input} (empty when
 * absent) and the wanted {@code output}, with where it stands in its file ({@code index} from 0,
 * the {@code line} it starts on) and all its fields as read, so a record is written back with
 * whatever else it carried.
 */
public record InstructionRecord(int index, int line, String instruction, String input, String output, ObjectNode fields) {

    public InstructionRecord {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(fields, "fields");
    }
}
