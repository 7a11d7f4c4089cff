package app.dukkan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The jar's first argument decides between serving the shop and running a command; a mistyped
 * command must never serve (in a cron job that would be a second web server).
 */
class CommandLineTests {

    @Test
    void noArgumentsOrSettingsServeTheShop() {
        assertThat(run().code()).isEmpty();
        assertThat(run("--server.port=8081", "--dukkan.roles=worker").code()).isEmpty();
        assertThat(run("--debug", "--server.port=8081").code()).isEmpty();
    }

    @Test
    void anUnknownOrMistypedCommandPrintsTheUsageAndExits2() {
        Result typo = run("bakup");
        assertThat(typo.code()).hasValue(2);
        assertThat(typo.err()).contains("Unknown command 'bakup'. Did you mean 'backup'?", "Commands:", "migrate");
        assertThat(typo.out()).isEmpty();

        Result unrelated = run("frobnicate", "--help");
        assertThat(unrelated.code()).hasValue(2);
        assertThat(unrelated.err()).contains("Unknown command 'frobnicate'.").doesNotContain("Did you mean");

        assertThat(run("-x").code()).as("a single-dash option is no setting").hasValue(2);
        assertThat(run("").code()).hasValue(2);
        assertThat(run("--hlep").code()).as("a mistyped option serves nothing").hasValue(2);
        assertThat(run("--server.port=8081", "--verison").code()).hasValue(2);
        assertThat(run("--spring.profiles.active=prod", "bakup").code())
                .as("a command after settings is still a command")
                .hasValue(2);
        assertThat(run("--dukkan.roles=web", "--help").code()).hasValue(0);
        Result settingsFirst = run("--spring.profiles.active=prod", "backup", "--help");
        assertThat(settingsFirst.code()).hasValue(0);
        assertThat(settingsFirst.out()).isEqualTo(run("backup", "--help").out());
    }

    @Test
    void helpListsEveryCommandAndEachCommandExplainsItself() {
        for (String help : List.of("--help", "-h", "help")) {
            Result result = run(help);
            assertThat(result.code()).hasValue(0);
            for (Commands.Command command : commandList()) {
                assertThat(result.out()).contains(command.name() + " ");
            }
        }
        for (Commands.Command command : commandList()) {
            Result result = run(command.name(), "--help");
            assertThat(result.code()).as(command.name()).hasValue(0);
            assertThat(result.out()).as(command.name()).startsWith("Usage: java -jar dukkan.jar " + command.name());
        }
    }

    @Test
    void commandArgumentsThatAreNoSettingsAreRefusedBeforeAnythingStarts() {
        assertThat(run("migrate", "now").code()).hasValue(2);
        assertThat(run("seed").code()).hasValue(2);
        assertThat(run("seed", "many").code()).hasValue(2);
        assertThat(run("explain-listings", "please").code()).hasValue(2);
        assertThat(run("dlq", "flush").code()).hasValue(2);
        assertThat(run("jobs-bench", "--jobs", "lots").code()).hasValue(2);
    }

    @Test
    void suggestionsComeFromTheEditDistance() {
        assertThat(Commands.distance("backup", "bakup")).isEqualTo(1);
        assertThat(Commands.distance("migrate", "migrat")).isEqualTo(1);
        assertThat(Commands.distance("smoke", "smoke")).isZero();
        assertThat(Commands.distance("", "dlq")).isEqualTo(3);
    }

    private static List<Commands.Command> commandList() {
        return DukkanApplication.COMMANDS.all();
    }

    @Test
    void theJarHasTheseCommands() {
        assertThat(commandList())
                .extracting(Commands.Command::name)
                .containsExactly(
                        "migrate",
                        "seed",
                        "explain-listings",
                        "dlq",
                        "jobs-bench",
                        "backup",
                        "restore",
                        "restore-drill",
                        "smoke");
    }

    private record Result(OptionalInt code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt code = DukkanApplication.COMMANDS.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
