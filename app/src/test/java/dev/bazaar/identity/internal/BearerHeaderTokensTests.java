package dev.bazaar.identity.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The loop answers every header as Spring Security's own resolver does. */
class BearerHeaderTokensTests {

    private final BearerHeaderTokens tokens = new BearerHeaderTokens();
    private final DefaultBearerTokenResolver reference = new DefaultBearerTokenResolver();

    @ParameterizedTest
    @ValueSource(strings = {"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", "bearer abc", "BEARER a-b.c_d~e+f/g==",
            "Bearer x=", "Bearer Zm9v"})
    void aWellFormedTokenIsReadAsTheReferenceReadsIt(String header) {
        assertThat(tokens.resolve(request(header))).isEqualTo(reference.resolve(request(header)))
                .isEqualTo(header.substring("Bearer ".length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer  abc", "Bearer abc ", "Bearer a=b", "Bearer ===", "Bearer a,b",
            "Bearer a\tb", "Bearerabc", "Bearer: abc", "bearer ä", "Bearer abc\n"})
    void aMalformedTokenIsRefusedAsTheReferenceRefusesIt(String header) {
        assertThat(catchThrowable(() -> reference.resolve(request(header)))).isInstanceOf(OAuth2AuthenticationException.class);
        assertThatThrownBy(() -> tokens.resolve(request(header))).isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessage("Bearer token is malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic YWRtaW46c2VjcmV0", "Token abc", "", "Bear abc"})
    void anotherSchemeIsNoBearerTokenAtAll(String header) {
        assertThat(reference.resolve(request(header))).isNull();
        assertThat(tokens.resolve(request(header))).isNull();
    }

    @Test
    void noHeaderIsNoToken() {
        assertThat(tokens.resolve(new MockHttpServletRequest())).isNull();
    }

    private static MockHttpServletRequest request(String authorization) {
        var request = new MockHttpServletRequest("GET", "/api/me");
        request.addHeader("Authorization", authorization);
        return request;
    }
}
