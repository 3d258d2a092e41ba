package dev.bazaar.platform.payments;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a misconfigured Payment System into Spring Boot's start-up report: the one line, no stack trace. */
class PaymentSystemFailureAnalyzer extends AbstractFailureAnalyzer<PaymentSystem.Misconfigured> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PaymentSystem.Misconfigured cause) {
        return new FailureAnalysis(cause.getMessage(), "Set BAZAAR_PSP (sandbox, external or off) as the README's production section describes.", cause);
    }
}
