package dev.bazaar.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/** The page the page security chain forwards to when a role or a CSRF token is missing: 403. */
@WebPage
class PageErrorController {

    @RequestMapping(PagePaths.FORBIDDEN)
    ModelAndView forbidden() {
        return PageProblemHandling.page(HttpStatus.FORBIDDEN, "Forbidden",
                "You may not do this. If you came from a form, reload the page and try again.");
    }
}
