package org.lmlab.eval.report.render;

import java.util.Locale;
import org.lmlab.eval.report.doc.Block;

/**
 * The one way a report writes numbers, independent of the machine's locale: whole numbers as
 * they are, other numbers with four decimals (one above 10,000, three significant decimals in scientific notation below 0.001), missing or undefined values as a dash.
 */
public final class Formats {

    /** What an absent or undefined value reads as. */
    public static final String MISSING = "–";

    private Formats() {
    }

    /** A number as text. */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.isNaN(value) ? MISSING : (value > 0 ? "∞" : "-∞");
        }
        if (value != 0 && Math.abs(value) < 0.001) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10_000 ? "%.1f" : "%.4f", value);
    }

    /** A p-value: four decimals, or {@code <0.0001}. */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return MISSING;
        }
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    /** An interval as {@code [low, high]}. */
    public static String interval(double low, double high) {
        return "[" + number(low) + ", " + number(high) + "]";
    }

    /** A table cell as plain text (a link as its text). */
    public static String cell(Object cell) {
        if (cell == null) {
            return MISSING;
        }
        if (cell instanceof Double || cell instanceof Float) {
            return number(((Number) cell).doubleValue());
        }
        if (cell instanceof Number number) {
            return Long.toString(number.longValue());
        }
        if (cell instanceof Block.Link link) {
            return link.text();
        }
        return cell.toString();
    }
}
