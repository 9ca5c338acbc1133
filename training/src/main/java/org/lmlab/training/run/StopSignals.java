package org.lmlab.training.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lmlab.training.RunControl;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM into a stop request for the run in progress: the trainer
 * finishes its step, writes a checkpoint and stops. A second signal ends the process at once
 * (exit 130); the checkpoints already written are complete, because each is renamed into place
 * only when whole. The previous handlers are restored when the run ends. Where the JVM does not
 * let a signal be handled (e.g. {@code -Xrs}), it keeps its default behaviour.
 */
final class StopSignals implements AutoCloseable {

    /** The exit status of a run stopped by a signal, as a shell reports Ctrl-C. */
    static final int EXIT_STATUS = 130;

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals() {
    }

    /** Handles SIGINT and SIGTERM by asking {@code control} to stop; {@code notice} hears about each signal. */
    static StopSignals install(RunControl control, Consumer<String> notice) {
        StopSignals installed = new StopSignals();
        for (String name : List.of("INT", "TERM")) {
            Signal signal = new Signal(name);
            SignalHandler handler = received -> {
                String reason = "SIG" + received.getName();
                if (control.stopRequested()) {
                    notice.accept(reason + " again: quitting now");
                    Runtime.getRuntime().halt(EXIT_STATUS);
                }
                control.requestStop(reason);
                notice.accept(reason + ": finishing this step and writing a checkpoint (send it again to quit at once)");
            };
            try {
                installed.previous.add(Signal.handle(signal, handler));
                installed.signals.add(signal);
            } catch (IllegalArgumentException unavailable) {
                // The JVM keeps this signal (e.g. run with -Xrs): its default behaviour stays.
            }
        }
        return installed;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
