package dev.bazaar.notification.web;

import dev.bazaar.identity.CurrentUser;
import dev.bazaar.notification.internal.NotificationLog;
import dev.bazaar.platform.web.WebPage;
import dev.bazaar.shared.web.Paging;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The caller's own notifications, newest first: the feed of {@code /api/notifications}. */
@WebPage
class NotificationPageController {

    private static final int PAGE_SIZE = 20;

    private final NotificationLog log;

    NotificationPageController(NotificationLog log) {
        this.log = log;
    }

    @GetMapping("/notifications")
    String feed(CurrentUser caller, @RequestParam(defaultValue = "0") int page, Model model) {
        var paging = new Paging(Math.max(0, page), PAGE_SIZE);
        long total = log.feedSize(caller.id().value());
        model.addAttribute("items", log.feed(caller.id().value(), paging.size(), paging.offset()));
        model.addAttribute("page", paging.page());
        model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
        return "notification/notifications";
    }
}
