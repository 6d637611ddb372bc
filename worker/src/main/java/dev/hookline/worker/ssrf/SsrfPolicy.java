package dev.hookline.worker.ssrf;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Which destination addresses the worker may deliver webhooks to.
 *
 * <p>Decision order for an address:
 * <ol>
 *   <li>If it lies in an {@code allowList} entry it is allowed — with one exception: a
 *       {@linkplain AddressCategory#METADATA cloud metadata} address is only unlocked by an entry that is exactly that
 *       address ({@code 169.254.169.254/32}), never by a broader one such as {@code 169.254.0.0/16} or
 *       {@code 0.0.0.0/0}. Exposing instance credentials should take a deliberate, unmistakable line of config.</li>
 *   <li>Otherwise {@link AddressClassifier#isAllowed} decides: public is allowed; metadata, multicast, broadcast and
 *       unspecified are always blocked; every other non-public category is allowed iff
 *       {@code allowPrivateNetworks}.</li>
 * </ol>
 *
 * <p>The multi-tenant default is {@link #strict()}: public addresses only. Self-hosters delivering to their own
 * intranet set {@code allowPrivateNetworks}, or better, allow-list just the networks they need.
 *
 * @param allowPrivateNetworks whether loopback, private, CGNAT, link-local, unique-local and reserved ranges are
 *                             reachable
 * @param allowList            networks that are always reachable (see the metadata exception above)
 */
public record SsrfPolicy(boolean allowPrivateNetworks, List<Cidr> allowList) {

    public SsrfPolicy {
        Objects.requireNonNull(allowList, "allowList == null");
        allowList = List.copyOf(allowList);
    }

    /** Public addresses only, no allow-list: the safe default for a multi-tenant deployment. */
    public static SsrfPolicy strict() {
        return new SsrfPolicy(false, List.of());
    }

    /** Judges a resolved (or literal) destination address. Pure; never performs DNS. */
    public Verdict check(InetAddress address) {
        Objects.requireNonNull(address, "address == null");
        AddressCategory category = AddressClassifier.classify(address);
        String ip = IpText.format(address);
        String what = ip + " is " + category.description();
        boolean metadata = category == AddressCategory.METADATA;
        for (Cidr cidr : allowList) {
            if (cidr.contains(address) && (!metadata || cidr.isSingleAddress())) {
                return Verdict.allow(ip + " is in allow-list entry " + cidr);
            }
        }
        if (AddressClassifier.isAllowed(category, allowPrivateNetworks)) {
            boolean isPublic = category == AddressCategory.PUBLIC;
            return Verdict.allow(isPublic ? what : what + " and private networks are allowed");
        }
        if (metadata) {
            return Verdict.block(what + " (only an exact allow-list entry such as " + ip + "/"
                    + address.getAddress().length * 8 + " permits it)");
        }
        return Verdict.block(what);
    }

    /**
     * Early check for a URL's host, e.g. when a tenant creates or updates an endpoint, so that
     * {@code http://127.1/} or {@code http://[::ffff:10.0.0.1]/} is refused up front with a clear message.
     *
     * <p>IP literals (in every spelling {@link HostParser} knows) and {@code localhost} names are judged now. DNS
     * names are allowed for now: what they resolve to can change at any time, so they are judged at delivery by
     * {@link GuardedSocketAddressResolver}, which is the check that actually protects. Invalid hosts are blocked.
     *
     * <p>An instance method rather than a static one: the answer depends on this policy's settings.
     */
    public Verdict checkUrlHost(String host) {
        ParsedHost parsed = HostParser.parse(Objects.requireNonNull(host, "host == null"));
        if (parsed instanceof ParsedHost.Literal) {
            return check(((ParsedHost.Literal) parsed).address());
        }
        if (parsed instanceof ParsedHost.LoopbackName) {
            ParsedHost.LoopbackName name = (ParsedHost.LoopbackName) parsed;
            return checkLoopbackName(name);
        }
        if (parsed instanceof ParsedHost.Invalid) {
            return Verdict.block("invalid host '" + host + "': " + ((ParsedHost.Invalid) parsed).reason());
        }
        return Verdict.allow(((ParsedHost.DomainName) parsed).name()
                + " is a host name; its addresses are checked after DNS resolution at delivery");
    }

    /** A loopback name is allowed if any of its addresses is; the explanation quotes the first relevant verdict. */
    Verdict checkLoopbackName(ParsedHost.LoopbackName name) {
        Verdict first = null;
        for (InetAddress address : name.addresses()) {
            Verdict v = check(address);
            if (v.allowed()) {
                return Verdict.allow(name.name() + " is a loopback name (" + v.explanation() + ")");
            }
            if (first == null) {
                first = v;
            }
        }
        return Verdict.block(name.name() + " is a loopback name (" + first.explanation() + ")");
    }
}
