package app.dukkan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code jobs-bench [--jobs N] [--rate R] [--seconds S]}: starts a worker with a no-op job type that
 * exists only in this process, measures how fast it drains N jobs inserted at once, then the
 * enqueue-to-start latency at R jobs/s for S seconds. Further {@code --name=value} arguments are
 * Spring settings (e.g. {@code --db-scheduler.threads=16}).
 */
final class JobsBenchCommand {

    static final String USAGE = """
            Usage: java -jar dukkan.jar jobs-bench [--jobs 50000] [--rate 500] [--seconds 20] [--spring.setting=value …]""";

    private JobsBenchCommand() {}

    static Optional<List<String>> settings(List<String> args) {
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String option = switch (arg) {
                case "--jobs" -> "jobs";
                case "--rate" -> "rate";
                case "--seconds" -> "seconds";
                default -> null;
            };
            if (option != null) {
                if (i + 1 >= args.size() || !args.get(i + 1).matches("\\d{1,7}")) {
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
        settings.add("--dukkan.seed.demo-products=0");
        if (settings.stream().noneMatch(s -> s.startsWith("--dukkan.roles="))) {
            settings.add("--dukkan.roles=worker");
        }
        return Optional.of(settings);
    }
}
