package dev.bazaar.platform;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.concurrent.CountDownLatch;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/** The shop's scheduling, with its own settings (application.yml: virtual threads on, the scheduler's pool). */
class SchedulingConfigurationTests {

    private final ApplicationContextRunner shopScheduling = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
            .withUserConfiguration(SchedulingConfiguration.class, Jobs.class);

    @Test
    void aJobWaitingOnASlowPartyDoesNotHoldUpTheOtherJobs() {
        shopScheduling.run(context -> {
            var jobs = context.getBean(Jobs.class);
            try {
                assertThat(jobs.slowOneWaiting.await(10, SECONDS)).isTrue();
                assertThat(jobs.quickOneRanMeanwhile.await(10, SECONDS)).as("the quick job kept running").isTrue();
            } finally {
                jobs.answer.countDown();
            }
        });
    }

    @Test
    void asynchronousListenersKeepTheirOwnVirtualThreadsNotTheJobsPool() {
        shopScheduling.run(context -> {
            var executor = context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class);
            assertThat(executor.submit(() -> Thread.currentThread().isVirtual()).get(10, SECONDS)).isTrue();
        });
    }

    static class Jobs {

        final CountDownLatch slowOneWaiting = new CountDownLatch(1);
        final CountDownLatch answer = new CountDownLatch(1);
        final CountDownLatch quickOneRanMeanwhile = new CountDownLatch(5);

        @Scheduled(fixedDelay = 10)
        void waitsForASlowParty() throws InterruptedException {
            slowOneWaiting.countDown();
            answer.await(30, SECONDS);
        }

        @Scheduled(fixedDelay = 10)
        void quickOne() {
            if (slowOneWaiting.getCount() == 0) {
                quickOneRanMeanwhile.countDown();
            }
        }
    }
}
