package app.dukkan;

import app.dukkan.platform.JobQueues;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;

/**
 * {@code dlq stats} prints the job counts per queue and task; {@code dlq replay --all | --id <uuid>
 * | --task <name>} replays dead letters and prints how many. Exit codes: 0 done, 1 unknown (or
 * already replayed) id, 2 bad usage.
 */
final class DlqCommand {

    static final String USAGE = """
            Usage: java -jar dukkan.jar dlq stats
                   java -jar dukkan.jar dlq replay --all | --id <dead-letter-id> | --task <task-name>
            (any further --name=value arguments are Spring settings, e.g. --spring.datasource.url=…)""";

    /** What to do, parsed from the arguments before anything starts. */
    record Action(
            boolean stats, @Nullable UUID id, @Nullable String task, List<String> settings) {}

    private DlqCommand() {}

    /** The action, or empty when the arguments are not a valid use of the command. */
    static Optional<Action> parse(List<String> args) {
        if (args.isEmpty()) {
            return Optional.empty();
        }
        List<String> rest = args.subList(1, args.size());
        if (args.get(0).equals("stats")) {
            return Commands.settingsOnly(rest) ? Optional.of(new Action(true, null, null, rest)) : Optional.empty();
        }
        if (!args.get(0).equals("replay") || rest.isEmpty()) {
            return Optional.empty();
        }
        switch (rest.get(0)) {
            case "--all" -> {
                List<String> settings = rest.subList(1, rest.size());
                return Commands.settingsOnly(settings)
                        ? Optional.of(new Action(false, null, null, settings))
                        : Optional.empty();
            }
            case "--id", "--task" -> {
                if (rest.size() < 2) {
                    return Optional.empty();
                }
                List<String> settings = rest.subList(2, rest.size());
                if (!Commands.settingsOnly(settings)) {
                    return Optional.empty();
                }
                if (rest.get(0).equals("--task")) {
                    return rest.get(1).isBlank()
                            ? Optional.empty()
                            : Optional.of(new Action(false, null, rest.get(1), settings));
                }
                try {
                    return Optional.of(new Action(false, UUID.fromString(rest.get(1)), null, settings));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** Runs the action in a started command context; returns the exit code. */
    static int run(ApplicationContext context, Action action, PrintStream out, PrintStream err) {
        JobQueues queues = context.getBean(JobQueues.class);
        if (action.stats()) {
            print(queues.stats(), out);
            return 0;
        }
        if (action.id() != null) {
            if (!queues.requeue(action.id())) {
                err.println("No dead letter " + action.id() + " waiting for replay (unknown or replayed already)");
                return 1;
            }
            out.println("requeued 1");
            return 0;
        }
        out.println("requeued " + queues.requeueAll(action.task()));
        return 0;
    }

    static void print(JobQueues.Stats stats, PrintStream out) {
        String format = "%-36s %-8s %8s %8s %8s %8s %8s%n";
        out.printf(format, "queue / task", "queue", "depth", "due", "running", "failed", "dead");
        for (JobQueues.QueueCounts queue : stats.queues()) {
            row(out, format, queue.queue(), queue.queue(), queue.counts());
        }
        for (JobQueues.TaskCounts task : stats.tasks()) {
            row(out, format, "  " + task.task(), task.queue(), task.counts());
        }
    }

    private static void row(PrintStream out, String format, String name, String queue, JobQueues.Counts c) {
        out.printf(format, name, queue, c.depth(), c.due(), c.running(), c.failed(), c.dead());
    }
}
