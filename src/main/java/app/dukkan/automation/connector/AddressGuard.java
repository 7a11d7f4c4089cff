package app.dukkan.automation.connector;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps outgoing HTTP away from the shop's own network (SSRF): only http and https, and no host
 * that is or resolves to a loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16
 * with the cloud metadata address, fe80::/10), unique-local (fc00::/7), shared (100.64/10),
 * multicast, unspecified, 0/8 or reserved address, also written as an IPv4-mapped, -compatible,
 * NAT64 or 6to4 IPv6 address, unless {@code allowPrivateNetworks} or the host is in {@code
 * allowedHosts}. The HTTP client resolves through {@link #resolve}, so it connects to the addresses
 * that were checked: a name that resolves differently a moment later changes nothing.
 */
final class AddressGuard {

    /** Thrown by the resolver for a refused address; the HTTP client reports it as a connection failure. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }

    private final boolean allowPrivateNetworks;
    private final Set<String> allowedHosts;

    AddressGuard(boolean allowPrivateNetworks, List<String> allowedHosts) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.allowedHosts = allowedHosts.stream().map(AddressGuard::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Checks a URL before a call: scheme, host, no user info; an IP literal is checked here, a name
     * when it is resolved.
     *
     * @throws ConnectorException not retryable, for a URL the guard refuses
     */
    URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new ConnectorException("not a URL: " + e.getReason(), false);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConnectorException("only http and https URLs are called, not '" + scheme + "'", false);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ConnectorException("the URL has no host", false);
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConnectorException("the URL must not carry user info", false);
        }
        String host = normalize(uri.getHost());
        if (isLiteral(host)) {
            try {
                checkAll(host, InetAddress.getAllByName(host));
            } catch (RefusedAddressException e) {
                throw new ConnectorException(e.getMessage(), false);
            } catch (UnknownHostException e) {
                throw new ConnectorException("not an address: " + host, false);
            }
        }
        return uri;
    }

    /** Resolves the host and refuses it when any of its addresses may not be reached. */
    InetAddress[] resolve(String host) throws UnknownHostException {
        String name = normalize(host);
        InetAddress[] addresses = InetAddress.getAllByName(name);
        checkAll(name, addresses);
        return addresses;
    }

    private void checkAll(String host, InetAddress[] addresses) throws RefusedAddressException {
        if (allowPrivateNetworks || allowedHosts.contains(host)) {
            return;
        }
        for (InetAddress address : addresses) {
            if (refused(address)) {
                throw new RefusedAddressException("refused: " + host + " is "
                        + (host.equals(address.getHostAddress()) ? "" : "at ")
                        + address.getHostAddress()
                        + ", an internal address (dukkan.automation.http.allow-private-networks is off and the host"
                        + " is not in dukkan.automation.http.allowed-hosts)");
            }
        }
    }

    static boolean refused(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return refusedV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            // unique local fc00::/7
            if ((first & 0xfe) == 0xfc) {
                return true;
            }
            // IPv4-compatible ::a.b.c.d and IPv4-mapped ::ffff:a.b.c.d (Java turns most mapped forms into IPv4)
            boolean zeros = Arrays.equals(Arrays.copyOfRange(b, 0, 10), new byte[10]);
            if (zeros && ((b[10] == 0 && b[11] == 0) || ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff))) {
                return refusedV4(Arrays.copyOfRange(b, 12, 16)) || allZero(b);
            }
            // NAT64 64:ff9b::/96
            if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return refusedV4(Arrays.copyOfRange(b, 12, 16));
            }
            // 6to4 2002::/16 carries an IPv4 address in bytes 2–5
            if (b[0] == 0x20 && b[1] == 0x02) {
                return refusedV4(Arrays.copyOfRange(b, 2, 6));
            }
            // deprecated site-local fec0::/10
            return first == 0xfe && (b[1] & 0xc0) == 0xc0;
        }
        return true;
    }

    private static boolean refusedV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return a0 == 0 // 0.0.0.0/8 "this network"
                || a0 == 10
                || a0 == 127
                || (a0 == 100 && (a1 & 0xc0) == 64) // 100.64/10 shared (CGNAT)
                || (a0 == 169 && a1 == 254) // link-local, cloud metadata 169.254.169.254
                || (a0 == 172 && (a1 & 0xf0) == 16)
                || (a0 == 192 && a1 == 168)
                || (a0 == 192 && a1 == 0 && a2 == 0) // 192.0.0/24 protocol assignments
                || (a0 == 198 && (a1 & 0xfe) == 18) // 198.18/15 benchmarking
                || a0 >= 224; // multicast, reserved 240/4, broadcast
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    static String normalize(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
