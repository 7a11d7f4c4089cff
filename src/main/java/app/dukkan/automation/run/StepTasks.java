package app.dukkan.automation.run;

import app.dukkan.platform.JobTasks;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/** The scheduler's tasks of workflow steps: one per connector, so that each retries as configured for it. */
@Configuration(proxyBeanMethods = false)
class StepTasks {

    private static final String FACTORY = "automationStepTaskFactory";

    /** Declares the task beans (the scheduler picks up every {@link Task} bean), one per connector. */
    @Bean
    static BeanDefinitionRegistryPostProcessor automationStepTasks() {
        return registry -> {
            for (String connector : RunEngine.CONNECTORS) {
                String name = "automationStepTask-" + connector;
                if (registry.containsBeanDefinition(name)) {
                    continue; // an ahead-of-time processed start has them already
                }
                RootBeanDefinition task = new RootBeanDefinition(Task.class);
                task.setFactoryBeanName(FACTORY);
                task.setFactoryMethodName("task");
                task.getConstructorArgumentValues().addIndexedArgumentValue(0, connector);
                registry.registerBeanDefinition(name, task);
            }
        };
    }

    @Component(FACTORY)
    static class Factory {

        private final JobTasks tasks;
        private final RunEngine engine;

        Factory(JobTasks tasks, RunEngine engine) {
            this.tasks = tasks;
            this.engine = engine;
        }

        public Task<?> task(String connector) {
            return tasks.task(engine.stepType(connector), engine::execute);
        }
    }
}
