package dev.bazaar.identity.internal;

import dev.bazaar.identity.CurrentUser;
import dev.bazaar.identity.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Component;

/**
 * Browser sessions of the web pages: signing a user in keeps who they are in their HTTP session, under a new session
 * id (so an id planted before the sign-in is worth nothing) and with a new CSRF token.
 */
@Component
public class PageSessions {

    /** Where the page chain keeps and finds the signed-in user. */
    static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

    private static final HttpSessionCsrfTokenRepository CSRF_TOKENS = new HttpSessionCsrfTokenRepository();
    private static final HttpSessionRequestCache SAVED_REQUESTS = new HttpSessionRequestCache();

    /**
     * Signs the user in for this browser session.
     *
     * @return where to go next: the page that asked for a sign-in, or the catalog
     */
    public String signIn(User user, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        CSRF_TOKENS.saveToken(null, request, response);
        var caller = new CurrentUser(user.id(), user.email(), user.roles());
        var authorities = user.roles().stream().map(Role::authority).map(SimpleGrantedAuthority::new).toList();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null, authorities));
        SecurityContextHolder.setContext(context);
        CONTEXTS.saveContext(context, request, response);
        var saved = SAVED_REQUESTS.getRequest(request, response);
        SAVED_REQUESTS.removeRequest(request, response);
        return saved != null ? saved.getRedirectUrl() : "/";
    }
}
