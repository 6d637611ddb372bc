package dev.hookline.worker.ssrf;

/**
 * What kind of destination an IP address is, from the point of view of a server that sends HTTP requests to
 * customer-supplied URLs. Produced by {@link AddressClassifier}; turned into allow/deny by {@link SsrfPolicy}.
 */
public enum AddressCategory {
    /** Globally routable unicast; the only category a multi-tenant deployment should ever reach. */
    PUBLIC("a public address"),
    /** 127.0.0.0/8 and ::1: this very host, including admin ports bound to loopback. */
    LOOPBACK("a loopback address"),
    /** RFC 1918 (10/8, 172.16/12, 192.168/16) and carrier-grade NAT (100.64/10): the operator's internal network. */
    PRIVATE("a private-network address"),
    /** 169.254/16 and fe80::/10: on-link only, where cloud fabrics hide their services. */
    LINK_LOCAL("a link-local address"),
    /** fc00::/7: the IPv6 equivalent of RFC 1918. */
    UNIQUE_LOCAL("a unique-local address"),
    /** 224/4 and ff00::/8: not a unicast TCP destination. */
    MULTICAST("a multicast address"),
    /** 0.0.0.0/8 and ::: on Linux a connect to 0.0.0.0 reaches the local host ("0.0.0.0 day"). */
    UNSPECIFIED("an unspecified address"),
    /** Cloud instance-metadata endpoints, which hand out credentials to anyone who can send them a request. */
    METADATA("a cloud metadata address"),
    /** 255.255.255.255: limited broadcast, not a unicast TCP destination. */
    BROADCAST("a broadcast address"),
    /** Other special-purpose space: 240/4, 192.0.0/24, benchmarking, TEST-NETs, documentation, site-local, ... */
    RESERVED("a reserved special-purpose address");

    private final String description;

    AddressCategory(String description) {
        this.description = description;
    }

    /**
     * Noun phrase with its article, e.g. {@code "a loopback address"}, so that messages read
     * "127.0.0.1 is a loopback address".
     */
    public String description() {
        return description;
    }
}
