package dev.bazaar.identity.web;

import dev.bazaar.identity.Role;
import dev.bazaar.identity.internal.Accounts;
import dev.bazaar.identity.internal.ClientAddress;
import dev.bazaar.identity.internal.PageSessions;
import dev.bazaar.identity.internal.RegistrationThrottle;
import dev.bazaar.platform.web.FormErrors;
import dev.bazaar.platform.web.PagePaths;
import dev.bazaar.platform.web.WebPage;
import dev.bazaar.shared.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

import java.util.Set;

/**
 * Signing in and registering in the browser: the same accounts, password checks and throttles as
 * {@code /api/auth/token} and {@code /api/auth/register}, ending in a page session instead of a token.
 */
@WebPage
class SignInPageController {

    private final Accounts accounts;
    private final RegistrationThrottle registrations;
    private final PageSessions sessions;

    SignInPageController(Accounts accounts, RegistrationThrottle registrations, PageSessions sessions) {
        this.accounts = accounts;
        this.registrations = registrations;
        this.sessions = sessions;
    }

    /** Bounded as the API's token request is (AuthController.TokenRequest). */
    record SignInForm(@NotBlank @Size(max = 254) @Nullable String email, @NotBlank @Size(max = 1024) @Nullable String password) {
    }

    record RegisterForm(@NotBlank @Email @Size(max = 254) @Nullable String email,
                        @NotBlank @AcceptablePassword @Nullable String password,
                        @NotBlank @Size(max = 200) @Nullable String name) {
    }

    @GetMapping(PagePaths.SIGN_IN)
    String signInForm(Model model) {
        if (signedIn()) {
            return "redirect:/";
        }
        model.addAttribute("form", new SignInForm("", ""));
        return "identity/signin";
    }

    @PostMapping(PagePaths.SIGN_IN)
    String signIn(@Valid @ModelAttribute("form") SignInForm form, BindingResult errors, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        if (FormErrors.shown(errors, model)) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "identity/signin";
        }
        try {
            var user = accounts.authenticate(form.email(), form.password(), ClientAddress.of(request));
            return "redirect:" + sessions.signIn(user, request, response);
        } catch (ProblemException refused) {
            // a wrong password (401) or the throttle (429, with Retry-After): said on the form, never which e-mails exist
            refused.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            response.setStatus(refused.status() == HttpStatus.TOO_MANY_REQUESTS
                    ? refused.status().value() : HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("form", new SignInForm(form.email(), ""));
            model.addAttribute("refusal", refused.getMessage());
            return "identity/signin";
        }
    }

    @GetMapping("/register")
    String registerForm(Model model) {
        if (signedIn()) {
            return "redirect:/";
        }
        model.addAttribute("form", new RegisterForm("", "", ""));
        return "identity/register";
    }

    /** Anyone may open a customer account (a few an hour from one address), and is signed in at once. */
    @PostMapping("/register")
    String register(@Valid @ModelAttribute("form") RegisterForm form, BindingResult errors, Model model,
                    HttpServletRequest request, HttpServletResponse response) {
        if (FormErrors.shown(errors, model)) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "identity/register";
        }
        try {
            registrations.admit(ClientAddress.of(request));
            var user = accounts.open(form.email(), form.password(), form.name(), Set.of(Role.CUSTOMER));
            return "redirect:" + sessions.signIn(user, request, response);
        } catch (ProblemException refused) {
            refused.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            response.setStatus(refused.status().value());
            model.addAttribute("form", new RegisterForm(form.email(), "", form.name()));
            model.addAttribute("refusal", refused.getMessage());
            return "identity/register";
        }
    }

    private static boolean signedIn() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
