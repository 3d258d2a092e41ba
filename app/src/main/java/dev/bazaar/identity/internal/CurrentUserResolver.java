package dev.bazaar.identity.internal;

import dev.bazaar.identity.CurrentUser;
import dev.bazaar.identity.Role;
import dev.bazaar.shared.ids.UserId;
import dev.bazaar.shared.web.ProblemException;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Lets controllers take a {@link CurrentUser} parameter, read from the verified bearer token or the page session. */
@Configuration(proxyBeanMethods = false)
class CurrentUserResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentUser.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser signedIn) {
            // a web page's caller, signed in for their browser session (PageSessions)
            return signedIn;
        }
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "A valid bearer token is required.");
        }
        List<String> roles = jwt.getClaimAsStringList("roles");
        return new CurrentUser(new UserId(UUID.fromString(jwt.getSubject())), jwt.getClaimAsString("email"),
                roles == null ? java.util.Set.of() : roles.stream().map(Role::valueOf).collect(Collectors.toSet()));
    }
}
