package dev.bazaar.identity.internal;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.function.Predicate;

/**
 * The characters Spring Security's {@link StrictHttpFirewall} allows in header names and values and in parameter
 * names, as loops over the code points where the firewall matches regular expressions
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and for values the same with a tab allowed). The firewall checks
 * each header every time a filter reads it; a bearer token is some 300 characters, read several times a request,
 * and the matching was 1.4 % of the shop's CPU under {@code steady} (JFR). Printable ASCII, nearly every character
 * seen, is decided by one comparison.
 */
final class FirewallCharacters {

    /** A header or parameter name: assigned code points, no control characters. */
    static final Predicate<String> NAMES = name -> allowed(name, false);

    /** A header value: as a name, and tabs too. */
    static final Predicate<String> HEADER_VALUES = value -> allowed(value, true);

    private FirewallCharacters() {
    }

    static StrictHttpFirewall firewall() {
        var firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAMES);
        firewall.setAllowedHeaderValues(HEADER_VALUES);
        firewall.setAllowedParameterNames(NAMES);
        return firewall;
    }

    private static boolean allowed(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= ' ' && c < 0x7f) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
