package dev.bazaar.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which paths are the web pages (everything a browser is shown, and their static files) rather than the API, the
 * sandbox Payment System, the actuator, the API documentation or the container's error path. The page security chain
 * and the request bulkhead both go by it, so a path is a page for both or for neither.
 */
public final class PagePaths {

    public static final String SIGN_IN = "/signin";
    public static final String SIGN_OUT = "/signout";
    public static final String FORBIDDEN = "/forbidden";

    private PagePaths() {
    }

    public static boolean isPage(HttpServletRequest request) {
        return isPage(request.getRequestURI());
    }

    public static boolean isPage(String path) {
        return !(path.startsWith("/api/") || path.equals("/api")
                || path.startsWith("/psp/")
                || path.startsWith("/actuator")
                || path.startsWith("/v3/api-docs")
                || path.startsWith("/swagger-ui")
                || path.equals("/error"));
    }

    /** Files served as they are (the style sheet, scripts from webjars, images): no database, no admission. */
    public static boolean isStatic(String path) {
        return path.startsWith("/css/") || path.startsWith("/webjars/") || path.startsWith("/images/")
                || path.equals("/favicon.ico");
    }
}
