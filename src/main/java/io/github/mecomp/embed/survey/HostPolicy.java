package io.github.mecomp.embed.survey;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The host names the survey answers to, checked against each request's {@code Host} header. A page on
 * another site whose name an attacker re-points at this machine (DNS rebinding) sends its own name there,
 * so its requests are refused although they reach the right address and port. Ports are not compared: the
 * name is what the attacker cannot forge.
 *
 * @param names lower-case host names and address literals (IPv6 in brackets, in the JDK's full form)
 */
public record HostPolicy(Set<String> names) {

    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");
    /** A DNS name or an IPv4 literal; IPv6 literals come in brackets. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,252})?");

    public HostPolicy {
        names = Collections.unmodifiableSet(new TreeSet<>(names));
    }

    /**
     * The names a server bound to {@code address} answers to without being told: loopback names when bound to
     * loopback; the bound address itself; on the wildcard address every address of this machine's interfaces
     * and its host name. {@code extra} adds names (the {@code --allowed-host} option).
     *
     * @throws IllegalArgumentException naming a value of {@code extra} that is not a host name or address
     */
    public static HostPolicy forBind(InetSocketAddress address, Collection<String> extra) {
        Set<String> names = new TreeSet<>();
        for (String e : extra) {
            names.add(normalise(e).orElseThrow(() -> new IllegalArgumentException("--allowed-host " + e
                    + " is not a host name or address (give the name listeners type, without scheme, port or path,"
                    + " e.g. survey.example.org, 192.168.1.20 or [::1])")));
        }
        InetAddress bound = address.getAddress();
        names.add(normalise(address.getHostString()).orElse("localhost"));
        if (bound == null || bound.isLoopbackAddress()) {
            LOOPBACK.forEach(n -> names.add(normalise(n).orElseThrow()));
        }
        if (bound != null && bound.isAnyLocalAddress()) {
            LOOPBACK.forEach(n -> names.add(normalise(n).orElseThrow()));
            names.addAll(machineNames());
        }
        names.remove("0.0.0.0");
        names.remove(normalise("[::]").orElseThrow());
        return new HostPolicy(names);
    }

    /** Whether a request with this {@code Host} header value is for this survey. */
    public boolean allows(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) {
                return false;
            }
            host = host.substring(0, end + 1);
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
        }
        return normalise(host).map(names::contains).orElse(false);
    }

    /**
     * A host name in the form compared: lower case, no trailing dot; an IPv6 literal (bracketed or not) in
     * the JDK's full form. Empty when the value is not a host name or address. Never looks a name up.
     */
    static Optional<String> normalise(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith(".")) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.contains(":")) {
            // An IPv6 literal: parsed, not resolved (a string with ':' is never looked up as a name).
            if (!v.matches("[0-9a-z:.%]+")) {
                return Optional.empty();
            }
            try {
                return Optional.of("[" + InetAddress.getByName("[" + v + "]").getHostAddress() + "]");
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return NAME.matcher(v).matches() ? Optional.of(v) : Optional.empty();
    }

    private static Set<String> machineNames() {
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                for (InetAddress a : Collections.list(interfaces.nextElement().getInetAddresses())) {
                    String literal = a.getHostAddress();
                    int zone = literal.indexOf('%');
                    normalise(zone >= 0 ? literal.substring(0, zone) : literal).ifPresent(names::add);
                }
            }
        } catch (SocketException e) {
            // no interface list: the loopback names and --allowed-host still apply
        }
        try {
            InetAddress self = InetAddress.getLocalHost();
            normalise(self.getHostName()).ifPresent(names::add);
        } catch (UnknownHostException e) {
            // a machine without a resolvable name of its own
        }
        return names;
    }
}
