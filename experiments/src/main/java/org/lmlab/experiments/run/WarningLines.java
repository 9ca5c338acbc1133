package org.lmlab.experiments.run;

import java.io.PrintWriter;
import org.lmlab.training.TrainerListener;

/** Prints a training stage's warnings (a lenient load, NaN weights) as their own lines; the stage display shows the rest. */
record WarningLines(PrintWriter out) implements TrainerListener {

    @Override
    public void onWarning(String message) {
        out.println("warning: " + message);
        out.flush();
    }
}
