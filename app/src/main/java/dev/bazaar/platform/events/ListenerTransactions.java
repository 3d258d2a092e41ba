package dev.bazaar.platform.events;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last step of an outbox listener that runs outside a transaction because it calls a remote system (no open
 * transaction may wait on one): the write that records the call's outcome, in a new transaction that also completes
 * the listener's publication. Outcome and completion commit together, one commit where Modulith would make two; if
 * the write fails, both roll back and the publication stays for redelivery. Called from anything but an outbox
 * listener's run, it is just a new transaction.
 */
@Component
public class ListenerTransactions {

    private final PlatformTransactionManager transactions;

    ListenerTransactions(PlatformTransactionManager transactions) {
        this.transactions = transactions;
    }

    public void finish(Runnable write) {
        var template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        var run = ListenerRun.current();
        if (run != null) {
            // the name OutboxBookkeeping's completion looks for: that of the listener method's own transaction
            template.setName(run.transactionName);
        }
        template.executeWithoutResult(status -> write.run());
    }
}
