/**
 * A sandbox Payment Service Provider: a separate party with its own HTTP API ({@code /psp/v1}), its own state, and
 * signed webhooks it sends over HTTP to the shop. It shares no code with the payment module; it could run apart
 * (point {@code bazaar.psp.webhook-url} at the shop). It exists only with {@code BAZAAR_PSP=sandbox} (the default in demo
 * and test runs): it approves every test card, so a production shop must not take orders through it by accident.
 */
@ApplicationModule(allowedDependencies = {"shared", "platform"})
@NullMarked
package dev.bazaar.psp;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
