package dev.bazaar.identity.internal;

import dev.bazaar.identity.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A disabled account's browser sessions end at their next request, as its bearer tokens stop working: the session is
 * dropped and the request goes on anonymous (a page that needs a sign-in then asks for one, which refuses the account).
 */
final class SignedOutWhenDisabled extends OncePerRequestFilter {

    private final DisabledAccounts disabledAccounts;

    SignedOutWhenDisabled(DisabledAccounts disabledAccounts) {
        this.disabledAccounts = disabledAccounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user
                && disabledAccounts.isDisabled(user.id())) {
            SecurityContextHolder.clearContext();
            var session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }
}
