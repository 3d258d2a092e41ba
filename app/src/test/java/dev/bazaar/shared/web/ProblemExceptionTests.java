package dev.bazaar.shared.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProblemExceptionTests {

    @ParameterizedTest
    @ValueSource(strings = {"type", "title", "status", "detail", "instance"})
    void anExtensionMemberMayNotShadowAStandardOne(String member) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProblemException(HttpStatus.CONFLICT, "clash",
                "Clash", "detail", Map.of(member, "CONFIRMED")));
    }

    @Test
    void otherExtensionMembersAreKept() {
        var problem = new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Not possible", "detail",
                Map.of("orderStatus", "SHIPPED"));
        assertThat(problem.properties()).containsEntry("orderStatus", "SHIPPED");
    }
}
