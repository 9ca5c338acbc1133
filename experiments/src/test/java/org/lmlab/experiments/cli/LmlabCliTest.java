package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's contract: help lists only working commands, mistakes exit 2 with one line. */
class LmlabCliTest {

    @Test
    void helpListsExactlyTheRegisteredCommands() {
        CliRun result = CliRun.of("--help");
        assertEquals(0, result.code());
        assertEquals("", result.err());
        List<String> listed = listedCommands(result.out());
        List<String> registered = new ArrayList<>(Lmlab.commandLine(org.lmlab.experiments.Injection.create(List.of())).getSubcommands().keySet());
        assertEquals(registered, listed);
    }

    @Test
    void everyListedCommandAnswersItsOwnHelp() {
        for (String command : listedCommands(CliRun.of("--help").out())) {
            CliRun result = CliRun.of(command, "--help");
            assertEquals(0, result.code(), command + " --help: " + result.err());
            assertTrue(result.out().contains("Usage: lmlab " + command), result.out());
        }
    }

    @Test
    void versionNamesLmlabDjlAndPytorch() {
        CliRun result = CliRun.of("--version");
        assertEquals(0, result.code());
        assertTrue(result.out().startsWith("lmlab 0.1.0"), result.out());
        assertTrue(result.out().contains("DJL 0.36.0, PyTorch 2.7.1"), result.out());
    }

    @Test
    void unknownCommandIsOneLineAndExitTwo() {
        CliRun result = CliRun.of("nonsense");
        assertEquals(2, result.code());
        assertEquals(List.of("lmlab: unknown command 'nonsense' (see 'lmlab --help')"), result.errLines());
        assertEquals("", result.out());
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        CliRun result = CliRun.of("--frobnicate");
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
