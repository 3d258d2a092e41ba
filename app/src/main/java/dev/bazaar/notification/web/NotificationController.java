package dev.bazaar.notification.web;

import dev.bazaar.identity.CurrentUser;
import dev.bazaar.notification.internal.NotificationLog;
import dev.bazaar.shared.web.PageResponse;
import dev.bazaar.shared.web.Paging;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own notifications, newest first. */
@RestController
class NotificationController {

    private final NotificationLog log;

    NotificationController(NotificationLog log) {
        this.log = log;
    }

    @GetMapping("/api/notifications")
    PageResponse<NotificationLog.FeedItem> feed(CurrentUser caller, @Valid Paging paging) {
        return paging.of(log.feed(caller.id().value(), paging.size(), paging.offset()), log.feedSize(caller.id().value()));
    }
}
