package dev.bazaar.identity.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every code point, alone and among others, is allowed or refused as by the firewall's own expressions. */
class FirewallCharactersTests {

    // StrictHttpFirewall's (Spring Security 7.0): names and parameter names, and header values
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern HEADER_VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsTheFirewallsExpressionsJudgeIt() {
        List<String> differences = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + Character.toString(codePoint) + "b";
            if (FirewallCharacters.NAMES.test(text) != NAMES.matcher(text).matches()) {
                differences.add("name U+" + Integer.toHexString(codePoint));
            }
            if (FirewallCharacters.HEADER_VALUES.test(text) != HEADER_VALUES.matcher(text).matches()) {
                differences.add("value U+" + Integer.toHexString(codePoint));
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void aBearerHeaderPassesAndControlCharactersDoNot() {
        assertThat(FirewallCharacters.HEADER_VALUES.test("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).isTrue();
        assertThat(FirewallCharacters.HEADER_VALUES.test("a\tb")).isTrue();
        assertThat(FirewallCharacters.NAMES.test("a\tb")).isFalse();
        assertThat(FirewallCharacters.HEADER_VALUES.test("evil\r\nSet-Cookie: x")).isFalse();
        assertThat(FirewallCharacters.HEADER_VALUES.test("nul\u0000")).isFalse();
        assertThat(FirewallCharacters.HEADER_VALUES.test("del\u007f")).isFalse();
        assertThat(FirewallCharacters.HEADER_VALUES.test("")).isTrue();
    }

    @Test
    void loneSurrogatesAndPairsAreJudgedAsTheExpressionsJudgeThem() {
        for (String text : new String[] {"\ud83d\ude00", "\ud83d", "x\ude00", "\ude00\ud83d", "\udbff\udfff"}) {
            assertThat(FirewallCharacters.NAMES.test(text)).as(text).isEqualTo(NAMES.matcher(text).matches());
            assertThat(FirewallCharacters.HEADER_VALUES.test(text)).as(text).isEqualTo(HEADER_VALUES.matcher(text).matches());
        }
    }
}
