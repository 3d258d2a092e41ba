package dev.bazaar.identity.internal;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.bazaar.platform.secrets.Secrets;
import dev.bazaar.platform.web.PagePaths;
import dev.bazaar.shared.web.ProblemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import jakarta.servlet.DispatcherType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Two kinds of caller, two filter chains. The API is stateless: bearer JWTs, and the role rule of every URL in one
 * table (API.md's "roles by URL"). The web pages are for browsers: a session cookie after signing in on
 * {@code /signin}, CSRF tokens on every form. The page chain comes first but matches only page paths, so an API
 * request never reads a session and a cookie never authenticates an API request. Finer rules (the owner of an order)
 * are checked by the module that owns the resource.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The sandbox PSP is another party with its own API keys: no shop tokens, no shop roles. */
    @Bean
    @Order(1)
    SecurityFilterChain sandboxPsp(HttpSecurity http) throws Exception {
        return withoutBrowserSessionFilters(http.securityMatcher("/psp/**"))
                .authorizeHttpRequests(urls -> urls.anyRequest().permitAll())
                .build();
    }

    /**
     * The web pages: who may open which page, by role (customers' pages act on their own cart and orders; the staff
     * and admin consoles live under {@code /staff} and {@code /admin}). Signing in and registering are page
     * controllers (identity's web package), not a login filter: that way a sign-in's password hash waits in the
     * request bulkhead's anonymous share like the API's, and its refusals (a wrong password, the throttle) are
     * shown on the form.
     */
    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, DisabledAccounts disabledAccounts) throws Exception {
        var forbidden = new AccessDeniedHandlerImpl();
        forbidden.setErrorPage(PagePaths.FORBIDDEN);
        return http.securityMatcher(PagePaths::isPage)
                .securityContext(context -> context.securityContextRepository(PageSessions.CONTEXTS))
                .addFilterAfter(new SignedOutWhenDisabled(disabledAccounts), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(urls -> urls
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/staff", "/staff/**").hasAnyRole("STAFF", "ADMIN")
                        .requestMatchers("/admin", "/admin/**").hasRole("ADMIN")
                        .requestMatchers("/cart", "/cart/**", "/checkout", "/orders", "/orders/**").hasRole("CUSTOMER")
                        .requestMatchers("/notifications").authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(PagePaths.SIGN_IN))
                        .accessDeniedHandler(forbidden))
                .logout(logout -> logout.logoutUrl(PagePaths.SIGN_OUT).logoutSuccessUrl("/"))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems, JwtDecoder jwtDecoder,
                            @Value("${bazaar.cors.allowed-origins:}") List<String> allowedOrigins,
                            @Value("${bazaar.metrics-token:}") String metricsToken) throws Exception {
        var scrape = new MetricsScrapeToken(metricsToken);
        var bearerTokens = new DefaultBearerTokenResolver();
        return withoutBrowserSessionFilters(http)
                .addFilter(CrossOriginRequests.filter(allowedOrigins, problems))
                .authorizeHttpRequests(urls -> urls
                        // an event stream's later dispatches carry on a request that was already authorised
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/api/auth/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/products", "/api/products/**", "/api/categories").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/api/products", "/api/products/**", "/api/categories").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/payments/webhooks/**").permitAll()
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/inventory/**", "/api/fulfillment/**").hasAnyRole("STAFF", "ADMIN")
                        .requestMatchers("/api/cart", "/api/cart/**", "/api/checkout").hasRole("CUSTOMER")
                        .requestMatchers(HttpMethod.GET, "/api/orders").hasRole("CUSTOMER")
                        .requestMatchers(HttpMethod.POST, "/api/orders/*/payments").hasRole("CUSTOMER")
                        .requestMatchers(HttpMethod.POST, "/api/orders/*/cancel").hasAnyRole("CUSTOMER", "ADMIN")
                        .requestMatchers("/api/**").authenticated()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(MetricsScrapeToken.PATH).access((authentication, context) ->
                                new AuthorizationDecision(scrape.presentedBy(context.getRequest())
                                        || authentication.get().getAuthorities().stream()
                                        .anyMatch(granted -> "ROLE_ADMIN".equals(granted.getAuthority()))))
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().permitAll())
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(request -> scrape.presentedBy(request) ? null : bearerTokens.resolve(request))
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(rolesFromClaim()))
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                                    "A valid bearer token is required.");
                        }))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                                    "A valid bearer token is required.");
                        })
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                        "Your role may not do this.")))
                .build();
    }

    /**
     * Every caller sends its credentials with each request, so the filters of browser sessions have nothing to do: no
     * CSRF token, no session (nor a check of the session a request names), no logout URL, no saved request to return
     * to after a login page, and no request wrapper answering {@code getUserPrincipal} (controllers read the security
     * context). Each of them ran on every request.
     */
    private static HttpSecurity withoutBrowserSessionFilters(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                // the context lives for one request only (a request attribute, for its async and error dispatches)
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .sessionManagement(session -> session.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .servletApi(servletApi -> servletApi.disable());
    }

    /**
     * No observation wrapped around each of the ~15 security filters of every request: they cost more CPU than they
     * tell (measured with JFR under the browse load); the request itself is still observed by Spring MVC.
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Failed authentications (a forged, expired or garbled bearer token) are published as Spring Security publishes
     * them, for whoever listens; the success of each request's token is not. Nothing listens for those, and passing one
     * per request through the event multicaster (Modulith's, which looks for transactional listeners of every event) cost
     * about 1 % of the shop's CPU under {@code steady} (JFR, seventeenth round).
     */
    @Bean
    AuthenticationEventPublisher failedAuthenticationEvents(ApplicationEventPublisher events) {
        var publisher = new DefaultAuthenticationEventPublisher(events);
        return new AuthenticationEventPublisher() {
            @Override
            public void publishAuthenticationSuccess(Authentication authentication) {
            }

            @Override
            public void publishAuthenticationFailure(AuthenticationException exception, Authentication authentication) {
                publisher.publishAuthenticationFailure(exception, authentication);
            }
        };
    }

    /** A URL the firewall refuses (encoded slashes, {@code ;}, {@code ..}) names nothing the shop has: 404. */
    @Bean
    RequestRejectedHandler rejectedRequestsAreNotFound(ProblemWriter problems) {
        return (request, response, e) -> problems.write(request, response, HttpStatus.NOT_FOUND, "not-found",
                "Not found", "Nothing is found at this path.");
    }

    @Bean
    TokenKeys tokenKeys(Secrets secrets, @Value("${bazaar.jwt-secret:}") String configured,
                        @Value("${bazaar.jwt-previous-secret:}") String previous) {
        return TokenKeys.of(secrets.configuredOrGenerated("jwt", configured), previous);
    }

    /**
     * HS256 tokens of this shop (or of the previous key, during a rotation) whose account is not disabled, verified once and then remembered for a
     * few minutes (see {@link CachingJwtDecoder}). The issuer claim is kept as the plain string it is: the default
     * converter tries to read it as a URL first and throws (and catches) an exception for every request whose issuer
     * is not one.
     */
    @Bean
    JwtDecoder jwtDecoder(TokenKeys keys, Clock clock, DisabledAccounts disabledAccounts) {
        var expiry = new JwtTimestampValidator();
        expiry.setClock(clock);
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(expiry,
                new JwtIssuerValidator(Tokens.ISSUER), disabledAccounts);
        JwtDecoder verifier = TokenKeys.eitherKey(verifier(keys.current(), validator),
                keys.previous() == null ? null : verifier(keys.previous(), validator));
        return new CachingJwtDecoder(verifier, validator, 100_000, Duration.ofMinutes(5));
    }

    private static JwtDecoder verifier(SecretKey key, OAuth2TokenValidator<Jwt> validator) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(validator);
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, issuer -> issuer)));
        return decoder;
    }

    /** Signs with the current key, which carries its id: the encoder picks the key a token's {@code kid} names. */
    @Bean
    JwtEncoder jwtEncoder(TokenKeys keys) {
        var key = new OctetSequenceKey.Builder(keys.current()).keyID(keys.currentId()).build();
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static JwtAuthenticationConverter rolesFromClaim() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
