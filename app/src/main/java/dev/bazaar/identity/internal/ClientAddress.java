package dev.bazaar.identity.internal;

import jakarta.servlet.http.HttpServletRequest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who is calling, as far as rate limits can tell: the request's remote address ({@code request.getRemoteAddr()};
 * behind a reverse proxy the operator sets {@code server.forward-headers-strategy} so that Tomcat's
 * {@code RemoteIpValve} puts the client's address there). An IPv6 client is its /64 network, since one subscriber
 * commonly holds a whole /64 and could otherwise take a fresh address for every attempt.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return of(request.getRemoteAddr());
    }

    static String of(String remoteAddress) {
        if (remoteAddress.indexOf(':') < 0) {
            return remoteAddress;
        }
        try {
            // a literal address, so no name is looked up
            var address = InetAddress.getByName(remoteAddress);
            if (address instanceof Inet6Address) {
                byte[] network = address.getAddress();
                java.util.Arrays.fill(network, 8, 16, (byte) 0);
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException notALiteral) {
            return remoteAddress;
        }
    }
}
