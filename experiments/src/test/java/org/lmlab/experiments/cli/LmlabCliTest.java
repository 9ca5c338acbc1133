package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's contract: help lists only working commands, mistakes exit 2 with one line. */
class LmlabCliTest {

    private record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lmlab.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsExactlyTheRegisteredCommands() {
        Result result = run("--help");
        assertEquals(0, result.code());
        assertEquals("", result.err());
        List<String> listed = listedCommands(result.out());
        List<String> registered = new ArrayList<>(new CommandLine(new RootCommand()).getSubcommands().keySet());
        assertEquals(registered, listed);
    }

    @Test
    void everyListedCommandAnswersItsOwnHelp() {
        for (String command : listedCommands(run("--help").out())) {
            Result result = run(command, "--help");
            assertEquals(0, result.code(), command + " --help: " + result.err());
            assertTrue(result.out().contains("Usage: lmlab " + command), result.out());
        }
    }

    @Test
    void versionNamesLmlabDjlAndPytorch() {
        Result result = run("--version");
        assertEquals(0, result.code());
        assertTrue(result.out().startsWith("lmlab 0.1.0"), result.out());
        assertTrue(result.out().contains("DJL 0.36.0, PyTorch 2.7.1"), result.out());
    }

    @Test
    void unknownCommandIsOneLineAndExitTwo() {
        Result result = run("nonsense");
        assertEquals(2, result.code());
        assertEquals(List.of("lmlab: unknown command 'nonsense' (see 'lmlab --help')"), result.errLines());
        assertEquals("", result.out());
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        Result result = run("--frobnicate");
        assertEquals(2, result.code());
        assertEquals(List.of("lmlab: Unknown option: '--frobnicate' (see 'lmlab --help')"), result.errLines());
    }

    /** The command names from the "Commands:" section of a picocli usage text. */
    static List<String> listedCommands(String usage) {
        List<String> names = new ArrayList<>();
        boolean inCommands = false;
        for (String line : usage.split("\\R")) {
            if (line.equals("Commands:")) {
                inCommands = true;
            } else if (inCommands && line.startsWith("  ") && !line.startsWith("   ")) {
                names.add(line.strip().split("\\s+")[0]);
            } else if (inCommands && !line.startsWith(" ")) {
                inCommands = false;
            }
        }
        return names;
    }
}
