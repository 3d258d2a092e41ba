package dev.bazaar.platform.payments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start-up decision about the Payment System, against the real guard and condition (no shop is started). Where
 * these tests read the log, the log is the contract: a shop that runs the sandbox (which approves every test card)
 * must say so at start-up, and one that refuses to start must say why in one line an operator can act on.
 */
@ExtendWith(OutputCaptureExtension.class)
class PaymentSystemGuardTests {

    private static final String EXTERNAL_URL = "bazaar.payment.sandbox.url=https://psp.example";
    private static final String EXTERNAL_KEY = "bazaar.payment.sandbox.api-key=sk_live_1";
    private static final String EXTERNAL_SECRET = "bazaar.payment.sandbox.webhook-secret=whsec_1";

    /** Stands for the sandbox's beans: made only when the sandbox runs. */
    @Component
    @ConditionalOnSandboxPaymentSystem
    static class SandboxBean {
    }

    /** A production shop: an external PostgreSQL (nothing connects to it here; only the setting is read). */
    private static final String EXTERNAL_DATABASE = "spring.datasource.url=jdbc:postgresql://db.example/bazaar";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PaymentSystemGuard.class, SandboxBean.class).withPropertyValues(EXTERNAL_DATABASE);

    @Test
    void aProductionShopRefusesToStartWithTheSandboxItWasNotAskedFor() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(PaymentSystem.Misconfigured.class)
                    .hasMessageContaining("approves every test card")
                    .hasMessageContaining("BAZAAR_PSP=external").hasMessageContaining("BAZAAR_PSP=sandbox");
            assertThat(context.getStartupFailure().getMessage()).doesNotContain("\n");
        });
    }

    @Test
    void demoDataDevDefaultsAndTheTestProfileRunTheSandboxWithNoSetting() {
        for (String demo : new String[]{"bazaar.demo-data=true", "bazaar.dev-defaults=true", "spring.profiles.active=test"}) {
            runner.withPropertyValues(demo).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(PaymentSystem.class).mode()).isEqualTo(PaymentSystem.Mode.SANDBOX);
                assertThat(context).hasSingleBean(SandboxBean.class);
            });
        }
    }

    @Test
    void aTrialOnTheEmbeddedDatabaseRunsTheSandboxAsApiMdsJavaJarDoesAndWarns(CapturedOutput output) {
        new ApplicationContextRunner().withUserConfiguration(PaymentSystemGuard.class, SandboxBean.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PaymentSystem.class).sandbox()).isTrue();
        });
        assertThat(output).contains("fine for a trial on the embedded database");
    }

    @Test
    void theSandboxAskedForByNameRunsInProductionAndSaysSo(CapturedOutput output) {
        runner.withPropertyValues("bazaar.psp.mode=sandbox").run(context -> {
            assertThat(context.getBean(PaymentSystem.class).sandbox()).isTrue();
            assertThat(context).hasSingleBean(SandboxBean.class);
        });
        assertThat(output).contains("The sandbox Payment System runs on purpose");
    }

    @Test
    void anExternalPaymentSystemNeedsItsUrlKeyAndWebhookSecretAndServesNoSandbox() {
        runner.withPropertyValues("bazaar.psp.mode=external").run(context ->
                assertThat(context.getStartupFailure()).hasMessageContaining("BAZAAR_PSP_URL"));
        runner.withPropertyValues("bazaar.psp.mode=external", "bazaar.payment.sandbox.url=psp.example", EXTERNAL_KEY, EXTERNAL_SECRET)
                .run(context -> assertThat(context.getStartupFailure()).hasMessageContaining("absolute http or https URL"));
        runner.withPropertyValues("bazaar.psp.mode=external", EXTERNAL_URL, EXTERNAL_SECRET).run(context ->
                assertThat(context.getStartupFailure()).hasMessageContaining("BAZAAR_PSP_API_KEY"));
        runner.withPropertyValues("bazaar.psp.mode=external", EXTERNAL_URL, EXTERNAL_KEY).run(context ->
                assertThat(context.getStartupFailure()).hasMessageContaining("BAZAAR_PSP_WEBHOOK_SECRET"));
        // demo data does not excuse a half-configured external one
        runner.withPropertyValues("bazaar.psp.mode=external", "bazaar.demo-data=true").run(context ->
                assertThat(context).hasFailed());

        runner.withPropertyValues("bazaar.psp.mode=EXTERNAL", EXTERNAL_URL, EXTERNAL_KEY, EXTERNAL_SECRET).run(context -> {
            assertThat(context.getBean(PaymentSystem.class).mode()).isEqualTo(PaymentSystem.Mode.EXTERNAL);
            assertThat(context).doesNotHaveBean(SandboxBean.class);
        });
    }

    @Test
    void offTakesNoPaymentsAndServesNoSandboxAndAnUnknownModeRefusesToStart() {
        runner.withPropertyValues("bazaar.psp.mode=off").run(context -> {
            assertThat(context.getBean(PaymentSystem.class).available()).isFalse();
            assertThat(context).doesNotHaveBean(SandboxBean.class);
        });
        runner.withPropertyValues("bazaar.psp.mode=stripe", "bazaar.demo-data=true").run(context ->
                assertThat(context.getStartupFailure()).hasMessageContaining("sandbox, external or off, not 'stripe'"));
    }

    @Configuration(proxyBeanMethods = false)
    @Import(PaymentSystemGuard.class)
    static class GuardOnly {
    }

    @Test
    void theRefusalIsOneLineOfTheStartUpReportBeforeAnythingElseStarts(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GuardOnly.class).web(WebApplicationType.NONE)
                .run("--bazaar.demo-data=false", "--bazaar.dev-defaults=false", "--spring.main.banner-mode=off",
                        "--" + EXTERNAL_DATABASE))
                .isInstanceOf(PaymentSystem.Misconfigured.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .containsPattern("\\nThe sandbox Payment System approves every test card; set BAZAAR_PSP=external with "
                        + "BAZAAR_PSP_URL, or BAZAAR_PSP=sandbox to run it on purpose[^\\n]*\\n")
                .doesNotContain("at dev.bazaar.platform.payments"); // no stack trace
    }
}
