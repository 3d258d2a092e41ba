package dev.bazaar.platform.outbound;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where the shop may send requests that someone else named (webhook subscribers' URLs): not to this machine, its
 * private network, link-local or cloud metadata addresses, unspecified or multicast ones, since such a URL would make
 * the shop a door into the network it runs in. Decided on the addresses a host resolves to, when subscribing and again
 * on every connection ({@link #dnsResolver()}: the addresses checked are the ones connected to, so a name that later
 * resolves elsewhere is refused then too). An operator's allow-list ({@code BAZAAR_WEBHOOK_ALLOWED_HOSTS}) permits
 * host names (whatever they resolve to) and address ranges (CIDRs); the metadata addresses only when named exactly.
 */
public final class OutboundTargets {

    /** How host names become addresses: the system's resolver, or a pinned one in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A host refused by the policy; an {@link UnknownHostException} so an HTTP client gives up on it as on any. */
    public static final class RefusedTarget extends UnknownHostException {
        RefusedTarget(String reason) {
            super(reason);
        }
    }

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.google.internal.",
            "metadata", "instance-data", "instance-data.ec2.internal");
    private static final List<Cidr> METADATA = List.of(Cidr.parse("169.254.169.254/32"), Cidr.parse("fd00:ec2::254/128"),
            Cidr.parse("169.254.170.2/32"));
    /** Refused unless allowed: what is not the public internet. */
    private static final List<Cidr> REFUSED = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"), Cidr.parse("127.0.0.0/8"),
            Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.0.0.0/24"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"), Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"),
            Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"),
            Cidr.parse("fec0::/10"), Cidr.parse("ff00::/8"));

    private final Set<String> allowedHosts;
    private final List<Cidr> allowedRanges;
    private final Resolver resolver;

    private OutboundTargets(Set<String> allowedHosts, List<Cidr> allowedRanges, Resolver resolver) {
        this.allowedHosts = allowedHosts;
        this.allowedRanges = allowedRanges;
        this.resolver = resolver;
    }

    /**
     * @param allowList comma-separated host names and CIDRs (a bare address is one address), e.g.
     *                  {@code 127.0.0.1/32,localhost,10.0.0.0/8}
     * @throws IllegalArgumentException naming an entry that is neither
     */
    public static OutboundTargets allowing(String allowList, Resolver resolver) {
        var hosts = new java.util.HashSet<String>();
        var ranges = new ArrayList<Cidr>();
        for (String entry : allowList.split(",")) {
            String item = entry.strip().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            if (item.contains("/") || item.contains(":") || item.matches("[0-9.]+")) {
                ranges.add(Cidr.parse(item));
            } else {
                hosts.add(item);
            }
        }
        return new OutboundTargets(Set.copyOf(hosts), List.copyOf(ranges), resolver);
    }

    public static OutboundTargets allowing(String allowList) {
        return allowing(allowList, InetAddress::getAllByName);
    }

    /** Why a request to {@code host} is refused, or empty when it may be sent; resolves the host to decide. */
    public Optional<String> refusal(String host) {
        try {
            addresses(host);
            return Optional.empty();
        } catch (RefusedTarget refused) {
            return Optional.of(refused.getMessage());
        } catch (UnknownHostException unknown) {
            return Optional.of("The host " + bare(host) + " cannot be resolved.");
        }
    }

    /** Resolves {@code host} to addresses that may all be connected to. */
    public InetAddress[] addresses(String host) throws UnknownHostException {
        String name = bare(host).toLowerCase(Locale.ROOT);
        if (allowedHosts.contains(name)) {
            return resolver.resolve(name);
        }
        if (METADATA_HOSTS.contains(name)) {
            throw new RefusedTarget("The host " + name + " is a cloud metadata service.");
        }
        InetAddress[] addresses = resolver.resolve(name);
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            if (refused.isPresent()) {
                throw new RefusedTarget("The host " + name + " resolves to " + address.getHostAddress() + ", "
                        + refused.get() + "; BAZAAR_WEBHOOK_ALLOWED_HOSTS may allow it.");
            }
        }
        return addresses;
    }

    /** For the HTTP client: every connection resolves through the policy. */
    public DnsResolver dnsResolver() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return addresses(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
    }

    private Optional<String> refusal(InetAddress address) {
        InetAddress checked = embeddedIpv4(address);
        if (METADATA.stream().anyMatch(m -> m.contains(checked))) {
            // a broad range (169.254.0.0/16) does not open the metadata service: only naming it does
            return allowedRanges.stream().anyMatch(r -> r.contains(checked) && r.single())
                    ? Optional.empty() : Optional.of("a cloud metadata address");
        }
        if (REFUSED.stream().noneMatch(r -> r.contains(checked)) || allowedRanges.stream().anyMatch(r -> r.contains(checked))) {
            return Optional.empty();
        }
        return Optional.of(kind(checked));
    }

    private static String kind(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        return "a private or reserved address";
    }

    /** An IPv6 address that carries an IPv4 one (compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}) is judged as that. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            boolean compatible = Arrays.equals(Arrays.copyOf(bytes, 12), new byte[12]) && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0);
            boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b
                    && Arrays.equals(Arrays.copyOfRange(bytes, 4, 12), new byte[8]);
            if (compatible || nat64) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
                } catch (UnknownHostException cannotHappen) {
                    return address;
                }
            }
        }
        return address;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** An address range: a network address and how many leading bits of it a member shares. */
    record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            try {
                if (!address.matches("[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException();
                }
                byte[] network = InetAddress.getByName(address).getAddress();
                int bits = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException();
                }
                return new Cidr(network, bits);
            } catch (IllegalArgumentException | UnknownHostException e) {
                throw new IllegalArgumentException("'" + text + "' is neither a host name nor an address range (CIDR)");
            }
        }

        boolean single() {
            return bits == network.length * 8;
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
