package app.dukkan;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The jar's arguments: nothing or settings only ({@code --name=value}) serve the shop; a command
 * name, wherever the settings around it stand, runs that command once and exits. Anything else (a
 * mistyped command or option) prints the usage and exits 2, so that a cron job's typo never starts a
 * second web server.
 */
final class Commands {

    /** Exit code of a command used wrongly (unknown command, bad arguments). */
    static final int USAGE_ERROR = 2;

    /** A command of the jar: its name, what it does, its usage, and how it runs. */
    record Command(String name, String summary, String usage, Runner runner) {}

    @FunctionalInterface
    interface Runner {
        /** Runs the command with the arguments after its name; returns the exit code. */
        int run(List<String> args, PrintStream out, PrintStream err);
    }

    private final List<Command> commands;

    Commands(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    /**
     * Runs the command the arguments name.
     *
     * @return the exit code, or empty when the arguments mean: serve the shop
     */
    OptionalInt run(List<String> given, PrintStream out, PrintStream err) {
        if (given.stream().allMatch(Commands::isSetting)) {
            return OptionalInt.empty();
        }
        List<String> args = commandFirst(given);
        String first = args.get(0);
        if (first.startsWith("--") && !isHelp(first)) {
            // no command among them, yet not all settings: a mistyped option (--hlep)
            err.println("Unknown option '"
                    + args.stream().filter(arg -> !isSetting(arg)).findFirst().orElse(first)
                    + "': settings are written --name=value.");
            err.println();
            err.println(usage());
            return OptionalInt.of(USAGE_ERROR);
        }
        if (isHelp(first) || first.equals("help")) {
            out.println(usage());
            return OptionalInt.of(0);
        }
        Optional<Command> command =
                commands.stream().filter(c -> c.name().equals(first)).findFirst();
        if (command.isEmpty()) {
            err.println("Unknown command '" + first + "'." + suggestion(first));
            err.println();
            err.println(usage());
            return OptionalInt.of(USAGE_ERROR);
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.stream().anyMatch(Commands::isHelp)) {
            out.println(command.get().usage());
            return OptionalInt.of(0);
        }
        return OptionalInt.of(command.get().runner().run(rest, out, err));
    }

    List<Command> all() {
        return commands;
    }

    String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: java -jar dukkan.jar [--setting=value …]
                         serves the shop: web and jobs, as dukkan.roles says (web, worker or both)
                       java -jar dukkan.jar <command> [arguments] [--setting=value …]

                Commands:
                """);
        int width = commands.stream().mapToInt(c -> c.name().length()).max().orElse(0) + 2;
        for (Command command : commands) {
            text.append("  ")
                    .append(String.format("%-" + width + "s", command.name()))
                    .append(command.summary())
                    .append('\n');
        }
        text.append("\nRun 'java -jar dukkan.jar <command> --help' for a command's arguments.");
        return text.toString();
    }

    private String suggestion(String typed) {
        return commands.stream()
                .map(Command::name)
                .filter(name -> distance(name, typed) <= 2)
                .min(Comparator.comparingInt(name -> distance(name, typed)))
                .map(name -> " Did you mean '" + name + "'?")
                .orElse("");
    }

    /** Spring Boot's own switches, which serve the shop with more logging. */
    private static final List<String> SWITCHES = List.of("--debug", "--trace");

    /** A setting for the application: {@code --name=value}, or one of Spring Boot's switches. */
    private static boolean isSetting(String arg) {
        return arg.startsWith("--") && (arg.contains("=") || SWITCHES.contains(arg));
    }

    /**
     * The arguments with the command word first: settings written before it ({@code --profile=x
     * backup}) go after the command's own arguments, where every command reads settings.
     */
    private static List<String> commandFirst(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).startsWith("--") || isHelp(args.get(i))) {
                if (i == 0) {
                    return args;
                }
                List<String> reordered = new ArrayList<>(args.subList(i, args.size()));
                reordered.addAll(args.subList(0, i));
                return reordered;
            }
        }
        return args;
    }

    /** Whether every argument is a setting ({@code --name=value}) for the application. */
    static boolean settingsOnly(List<String> args) {
        return args.stream().allMatch(arg -> arg.startsWith("--") && arg.contains("="));
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    /** Edit distance, to suggest the command a typo meant. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
