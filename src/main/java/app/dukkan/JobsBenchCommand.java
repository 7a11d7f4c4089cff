package app.dukkan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code jobs-bench [--task NAME] [--order NUMBER] [--jobs N] [--rate R] [--seconds S]}: starts a
 * worker, measures how fast it drains N jobs of the task inserted at once, then the enqueue-to-start
 * latency at R jobs/s for S seconds. The task is the no-op job type {@code bench-noop}, which exists
 * only in this process, or {@code mail-order-confirmation}, which mails the confirmation of the paid
 * order {@code --order} once per job (over SMTP when {@code --spring.mail.host} is given). Further
 * {@code --name=value} arguments are Spring settings (e.g. {@code --db-scheduler.threads=16}). Exit
 * status: 0 PASS, 3 FAIL, 1 incomplete (jobs stopped finishing), 2 bad usage.
 */
final class JobsBenchCommand {

    static final String USAGE = """
            Usage: java -jar dukkan.jar jobs-bench [--task bench-noop | mail-order-confirmation] [--order DK-…]
                       [--jobs 50000] [--rate 500] [--seconds 20] [--spring.setting=value …]
            (--order names a paid order: the mail task mails its confirmation once per job)""";

    private JobsBenchCommand() {}

    static Optional<List<String>> settings(List<String> args) {
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String option = switch (arg) {
                case "--jobs" -> "jobs";
                case "--rate" -> "rate";
                case "--seconds" -> "seconds";
                case "--task" -> "task";
                case "--order" -> "order";
                default -> null;
            };
            if (option != null) {
                String pattern = switch (option) {
                    case "task" -> "[a-z][a-z0-9-]{1,60}";
                    case "order" -> "[A-Za-z0-9-]{1,40}";
                    default -> "[1-9]\\d{0,6}";
                };
                if (i + 1 >= args.size() || !args.get(i + 1).matches(pattern)) {
                    return Optional.empty();
                }
                settings.add("--dukkan.jobs.bench." + option + "=" + args.get(++i));
            } else if (arg.startsWith("--") && arg.contains("=")) {
                settings.add(arg);
            } else {
                return Optional.empty();
            }
        }
        settings.add("--dukkan.jobs.bench.enabled=true");
        settings.add("--dukkan.jobs.bench.run=true");
        if (settings.stream().noneMatch(s -> s.startsWith("--dukkan.roles="))) {
            settings.add("--dukkan.roles=worker");
        }
        return Optional.of(settings);
    }
}
