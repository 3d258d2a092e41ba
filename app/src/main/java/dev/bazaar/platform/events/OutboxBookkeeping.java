package dev.bazaar.platform.events;

import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Two shortcuts in Spring Modulith's outbox bookkeeping, each of which saves a transaction per listener run (an order
 * has four runs, each with a transaction of its own), and a cheaper commit for the transactions that complete their own
 * publication. {@code bazaar.events.bookkeeping-shortcuts=false} turns the shortcuts off: Modulith then marks and
 * completes every publication itself, as it ships. See ADRs 0004, 0009 and 0011; {@code OutboxBookkeepingIntegrationTests}
 * pins the shortcuts, {@code OutboxBookkeepingWithoutShortcutsIntegrationTests} the shop without them.
 * <ul>
 * <li><b>No {@code PROCESSING} mark.</b> Modulith marks a publication processing before each listener run, in a
 * transaction of its own. Nothing here reads that mark: redelivery resubmits every publication without a completion
 * date, marked or not ({@link IncompletePublications}), and Modulith's staleness monitor, which would judge a
 * publication left {@code PROCESSING} stale, is not configured. The only mark redelivery reads is {@code RESUBMITTED},
 * which Modulith writes as it resubmits: {@link IncompletePublications} takes one left too long as abandoned.</li>
 * <li><b>Completion inside the listener's transaction.</b> Modulith completes a publication after its listener's
 * transaction has committed, in another transaction (spring-modulith#485). Here a listener that runs in a transaction
 * of its own (every {@code @ApplicationModuleListener} but the {@code NOT_SUPPORTED} ones that call the Payment
 * System and the notifier's, which get one for their last write from {@link ListenerTransactions}, several of them
 * together under load) deletes its publication just before that transaction commits, so the listener's work and its
 * completion commit together or not at all, and Modulith's own completion afterwards has nothing left to do (and, as
 * it sends no statement, costs no round trip). A listener that fails rolls the deletion back with its work: the
 * publication stays for redelivery as before.</li>
 * <li><b>Such a transaction commits asynchronously</b> ({@code synchronous_commit = off} for it alone, set by the
 * statement that deletes the publication, so it costs no round trip; not with
 * {@code bazaar.events.asynchronous-listener-commits=false} or a completion mode other than {@code delete}). Its
 * commit does not wait for its WAL to reach the disk. A database crash can lose only the last such commits, never a
 * durable one before them (WAL is flushed in order), and what a lost one did is lost together with the deletion of
 * its publication: the publication is back, and the (idempotent) listener is run again, as after a shop that stopped
 * before the commit. Transactions that answer someone (a checkout, a webhook's intake, a staff action) stay
 * durable.</li>
 * </ul>
 * How the pieces meet, through public extension points only: {@link #listenerRuns}, an advisor on the project's own
 * {@link CommitListenerPointcut} (the methods Modulith completes publications for), opens a {@link ListenerRun} around
 * each listener invocation, just outside Modulith's own completion interceptor, and counts a run that fails against
 * its publication for redelivery's back-off ({@link IncompletePublications#failed}), with the shortcuts or without; a
 * {@link BeanPostProcessor} decorates Modulith's {@link EventPublicationRepository} with
 * {@link ShortcutEventPublicationRepository}, which learns the publication's id when Modulith marks it processing;
 * {@link #completionInListenerTransaction}, a {@link TransactionExecutionListener} there only with the shortcuts on,
 * enlists the deletion in the transaction the listener method itself begins (matched by name, so no transaction the
 * listener opens inside it, and none when it runs {@code NOT_SUPPORTED}). Whatever does not match leaves Modulith's
 * bookkeeping as it was.
 */
@Configuration(proxyBeanMethods = false)
class OutboxBookkeeping {

    /** Just outside Modulith's {@code CompletionRegisteringMethodInterceptor} ({@code HIGHEST_PRECEDENCE + 10}). */
    private static final int OUTSIDE_MODULITH_COMPLETION = Ordered.HIGHEST_PRECEDENCE + 9;

    /** Whether the shortcuts are on ({@code bazaar.events.bookkeeping-shortcuts}); off, Modulith's bookkeeping runs as it ships. */
    static final String SHORTCUTS = "bazaar.events.bookkeeping-shortcuts";

    @Bean
    static BeanPostProcessor outboxRepositoryShortcuts(Environment environment) {
        boolean shortcuts = environment.getProperty(SHORTCUTS, Boolean.class, true);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof EventPublicationRepository repository
                        && !(bean instanceof ShortcutEventPublicationRepository)
                        ? new ShortcutEventPublicationRepository(repository, shortcuts) : bean;
            }
        };
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE) // as Modulith's advisor, so the infrastructure auto-proxy creator applies it
    static Advisor listenerRuns(ObjectProvider<IncompletePublications> redelivery) {
        var advisor = new DefaultPointcutAdvisor(new CommitListenerPointcut(), (MethodInterceptor) invocation -> {
            Object target = invocation.getThis();
            Class<?> targetClass = target == null ? invocation.getMethod().getDeclaringClass() : AopUtils.getTargetClass(target);
            String name = ClassUtils.getQualifiedMethodName(invocation.getMethod(), targetClass);
            var outer = ListenerRun.open(name);
            var run = ListenerRun.current();
            try {
                return invocation.proceed();
            } catch (Throwable failure) {
                // Modulith has marked the publication failed by now; a run that succeeds passes here without a write
                if (run != null && run.publication != null && !run.completedInListenerTransaction) {
                    var listener = AopUtils.getMostSpecificMethod(invocation.getMethod(), targetClass);
                    redelivery.getObject().failed(run.publication, listener, name, invocation.getArguments(), failure);
                }
                throw failure;
            } finally {
                ListenerRun.restore(outer);
            }
        });
        advisor.setOrder(OUTSIDE_MODULITH_COMPLETION);
        return advisor;
    }

    @Bean
    PublicationCompletion publicationCompletion(ObjectProvider<EventPublicationRepository> repository,
                                                ObjectProvider<JdbcTemplate> jdbc, Clock clock,
                                                @Value("${bazaar.events.asynchronous-listener-commits}") boolean asynchronousCommit,
                                                @Value("${spring.modulith.events.completion-mode}") String completionMode,
                                                @Value("${spring.modulith.events.jdbc.schema}") String schema) {
        return new PublicationCompletion(repository, jdbc, clock, asynchronousCommit, completionMode, schema);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = SHORTCUTS, matchIfMissing = true)
    TransactionExecutionListener completionInListenerTransaction(PublicationCompletion completion) {
        return new TransactionExecutionListener() {
            @Override
            public void afterBegin(TransactionExecution transaction, @Nullable Throwable beginFailure) {
                var run = ListenerRun.current();
                if (beginFailure != null || run == null || run.publication == null || run.completionEnlisted
                        || !transaction.isNewTransaction() || !run.transactionName.equals(transaction.getTransactionName())
                        || !TransactionSynchronizationManager.isSynchronizationActive()) {
                    return;
                }
                UUID publication = run.publication;
                run.completionEnlisted = true;
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void beforeCommit(boolean readOnly) {
                        // safe because the completion commits with the work: see the class comment and ADR 0009
                        completion.complete(List.of(publication));
                    }

                    @Override
                    public void afterCompletion(int status) {
                        run.completedInListenerTransaction = status == STATUS_COMMITTED;
                    }
                });
            }
        };
    }
}
