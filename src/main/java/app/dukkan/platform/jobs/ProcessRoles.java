package app.dukkan.platform.jobs;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * What this process does, from {@code dukkan.roles}: {@code web} serves pages and the API,
 * {@code worker} runs jobs and recurring tasks; {@code web,worker} (the default) both. The jar's
 * commands run as {@code command}: neither, so a command never takes jobs. Every role may schedule
 * jobs (they are rows in the database, for the workers).
 */
public record ProcessRoles(Set<Role> roles) {

    public static final String PROPERTY = "dukkan.roles";

    public enum Role {
        WEB,
        WORKER,
        COMMAND
    }

    public ProcessRoles {
        roles = Set.copyOf(roles);
        if (roles.isEmpty() || (roles.contains(Role.COMMAND) && roles.size() > 1)) {
            throw new IllegalStateException(PROPERTY + " is web, worker, web,worker or command: " + roles);
        }
    }

    public static ProcessRoles of(Environment environment) {
        return parse(environment.getProperty(PROPERTY, "web,worker"));
    }

    public static ProcessRoles parse(String value) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                try {
                    roles.add(Role.valueOf(part.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(
                            PROPERTY + ": unknown role '" + part.trim() + "'; use web, worker or command", e);
                }
            }
        }
        return new ProcessRoles(roles);
    }

    public boolean web() {
        return roles.contains(Role.WEB);
    }

    public boolean worker() {
        return roles.contains(Role.WORKER);
    }

    /**
     * A process that runs no jobs leaves the scheduler stopped; db-scheduler's health indicator
     * would then report it DOWN ("not_started"), so it is switched off there unless set explicitly.
     */
    static final class Defaults implements EnvironmentPostProcessor {

        @Override
        public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
            if (!of(environment).worker()) {
                environment
                        .getPropertySources()
                        .addLast(new MapPropertySource(
                                "dukkanRoleDefaults",
                                java.util.Map.of("management.health.db-scheduler.enabled", "false")));
            }
        }
    }
}
