package dev.bazaar.notification.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Literal addresses only: no DNS is asked. */
class WebhookTargetPolicyTests {

    private final WebhookTargetPolicy policy = new WebhookTargetPolicy();

    @Test
    void aTrialShopOnItsEmbeddedDatabaseAllowsReceiversNextToItButNeverMetadata() {
        var trial = policy.webhookTargets("", false, false, "");
        assertThat(trial.refusal("127.0.0.1")).isEmpty();
        assertThat(trial.refusal("10.1.2.3")).isEmpty();
        assertThat(trial.refusal("192.168.1.20")).isEmpty();
        assertThat(trial.refusal("169.254.169.254")).isPresent();
    }

    @Test
    void aProductionShopAllowsOnlyThePublicInternetUnlessTheOperatorListsMore() {
        String external = "jdbc:postgresql://db.example/bazaar";
        var production = policy.webhookTargets("", false, false, external);
        assertThat(production.refusal("127.0.0.1")).isPresent();
        assertThat(production.refusal("10.1.2.3")).isPresent();
        assertThat(production.refusal("93.184.215.14")).isEmpty();
        var listed = policy.webhookTargets("10.0.0.0/8", false, false, external);
        assertThat(listed.refusal("10.1.2.3")).isEmpty();
        assertThat(listed.refusal("127.0.0.1")).isPresent();
    }
}
