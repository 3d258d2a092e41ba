package dev.bazaar.platform;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Background jobs (expiry, retries, cleanup, deliveries) run on every instance; each claims its rows so none runs
 * twice. They run on a pool of threads ({@code spring.task.scheduling.pool.size}), one job a thread: with virtual
 * threads on, Spring Boot's default scheduler runs every fixed-delay job on one single thread, so a job waiting on a
 * slow party (a Payment System answering late, a subscriber's webhook endpoint, a mail server) held up all the others,
 * the sandbox PSP's webhooks and the reservations' expiry among them. The pool is handed to the scheduling
 * infrastructure only, not declared as a bean: as a bean it would also be an {@code Executor}, and Spring Boot would
 * then not create its virtual-thread executor for the asynchronous event listeners, which would run on these threads.
 * It follows the context's lifecycle through this configuration instead (a stopped context, such as a cached test
 * context not in use, runs no jobs).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration implements SchedulingConfigurer, SmartLifecycle, DisposableBean {

    private final ThreadPoolTaskScheduler jobs;

    SchedulingConfiguration(ThreadPoolTaskSchedulerBuilder builder) {
        this.jobs = builder.build();
        this.jobs.initialize();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.setTaskScheduler(jobs);
    }

    @Override
    public void start() {
        jobs.start();
    }

    @Override
    public void stop() {
        jobs.stop();
    }

    @Override
    public void stop(Runnable callback) {
        jobs.stop(callback);
    }

    @Override
    public boolean isRunning() {
        return jobs.isRunning();
    }

    @Override
    public int getPhase() {
        return jobs.getPhase();
    }

    @Override
    public void destroy() {
        jobs.shutdown();
    }
}
