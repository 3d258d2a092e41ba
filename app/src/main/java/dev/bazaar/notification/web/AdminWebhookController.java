package dev.bazaar.notification.web;

import dev.bazaar.notification.internal.Webhooks;
import dev.bazaar.platform.outbound.OutboundTargets;
import dev.bazaar.shared.ids.TimeOrderedIds;
import dev.bazaar.shared.web.PageResponse;
import dev.bazaar.shared.web.Paging;
import dev.bazaar.shared.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Admins subscribe receivers to event types and read each subscription's delivery log. */
@RestController
class AdminWebhookController {

    private final Webhooks webhooks;
    private final OutboundTargets targets;
    private final Clock clock;

    AdminWebhookController(Webhooks webhooks, OutboundTargets targets, Clock clock) {
        this.webhooks = webhooks;
        this.targets = targets;
        this.clock = clock;
    }

    record SubscribeRequest(@NotBlank @Size(max = 2000) String url, @NotEmpty @Size(max = 20) List<@NotNull String> events) {
    }

    record SubscriptionResponse(String id, String url, List<String> events, String secret, boolean active, Instant createdAt) {
        static SubscriptionResponse from(Webhooks.Subscription s) {
            return new SubscriptionResponse(s.id().toString(), s.url(), s.events(), s.secret(), s.active(), s.createdAt());
        }
    }

    @PostMapping("/api/admin/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    SubscriptionResponse subscribe(@Valid @RequestBody SubscribeRequest request) {
        requireAllowedTarget(requireAbsoluteHttpUrl(request.url()));
        var unknown = request.events().stream().filter(e -> !Webhooks.EVENT_TYPES.contains(e)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("unknown-event-type", "Unknown event types " + unknown + "; known are "
                    + Webhooks.EVENT_TYPES + ".");
        }
        return SubscriptionResponse.from(webhooks.subscribe(request.url(), request.events().stream().distinct().toList(),
                clock.instant()));
    }

    @GetMapping("/api/admin/webhooks")
    List<SubscriptionResponse> all() {
        return webhooks.all().stream().map(SubscriptionResponse::from).toList();
    }

    @DeleteMapping("/api/admin/webhooks/{id}")
    ResponseEntity<Void> unsubscribe(@PathVariable String id) {
        if (!webhooks.unsubscribe(subscription(id))) {
            throw ProblemException.notFound("Webhook subscription " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/admin/webhooks/{id}/deliveries")
    PageResponse<Webhooks.Attempt> deliveries(@PathVariable String id, @Valid Paging paging) {
        UUID subscription = subscription(id);
        if (webhooks.find(subscription).isEmpty()) {
            throw ProblemException.notFound("Webhook subscription " + id);
        }
        return paging.of(webhooks.attempts(subscription, paging.size(), paging.offset()), webhooks.attemptCount(subscription));
    }

    private static UUID subscription(String id) {
        return TimeOrderedIds.parse(id).orElseThrow(() -> ProblemException.notFound("Webhook subscription " + id));
    }

    private static URI requireAbsoluteHttpUrl(String url) {
        try {
            var uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (Exception malformed) {
            // answered below
        }
        throw ProblemException.badRequest("bad-url", "The url must be an absolute http or https URL.");
    }

    /**
     * The host's addresses now: not this machine, its networks or the cloud's metadata unless the operator allows them
     * (each delivery checks again, as the name may resolve elsewhere later).
     */
    private void requireAllowedTarget(URI url) {
        targets.refusal(url.getHost()).ifPresent(reason -> {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "webhook-target-refused", "Webhook target refused",
                    "The url's host may not receive webhooks from this shop.",
                    Map.of("errors", List.of(Map.of("field", "url", "message", reason))));
        });
    }
}
