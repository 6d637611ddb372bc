package dev.hookline.worker.ssrf;

import static dev.hookline.worker.ssrf.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Pure unit tests: every address is built from literal bytes; nothing resolves or connects. */
class AddressClassifierTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // public, including the addresses just outside every special range
        "1.1.1.1, PUBLIC",
        "8.8.8.8, PUBLIC",
        "1.0.0.0, PUBLIC",
        "9.255.255.255, PUBLIC",
        "11.0.0.0, PUBLIC",
        "100.63.255.255, PUBLIC",
        "100.128.0.0, PUBLIC",
        "126.255.255.255, PUBLIC",
        "128.0.0.0, PUBLIC",
        "169.253.255.255, PUBLIC",
        "169.255.0.0, PUBLIC",
        "172.15.255.255, PUBLIC",
        "172.32.0.0, PUBLIC",
        "191.255.255.255, PUBLIC",
        "192.0.1.0, PUBLIC",
        "192.0.3.0, PUBLIC",
        "192.88.98.255, PUBLIC",
        "192.88.100.0, PUBLIC",
        "192.167.255.255, PUBLIC",
        "192.169.0.0, PUBLIC",
        "198.17.255.255, PUBLIC",
        "198.20.0.0, PUBLIC",
        "198.51.99.255, PUBLIC",
        "198.51.101.0, PUBLIC",
        "203.0.112.255, PUBLIC",
        "203.0.114.0, PUBLIC",
        "223.255.255.255, PUBLIC",
        "168.63.129.15, PUBLIC",
        "168.63.129.17, PUBLIC",
        // 0.0.0.0/8
        "0.0.0.0, UNSPECIFIED",
        "0.255.255.255, UNSPECIFIED",
        // 127/8
        "127.0.0.0, LOOPBACK",
        "127.0.0.1, LOOPBACK",
        "127.255.255.255, LOOPBACK",
        // RFC 1918 + CGNAT
        "10.0.0.0, PRIVATE",
        "10.255.255.255, PRIVATE",
        "172.16.0.0, PRIVATE",
        "172.31.255.255, PRIVATE",
        "192.168.0.0, PRIVATE",
        "192.168.255.255, PRIVATE",
        "100.64.0.0, PRIVATE",
        "100.127.255.255, PRIVATE",
        "100.100.100.199, PRIVATE",
        "100.100.100.201, PRIVATE",
        // link-local
        "169.254.0.0, LINK_LOCAL",
        "169.254.255.255, LINK_LOCAL",
        "169.254.169.253, LINK_LOCAL",
        "169.254.169.255, LINK_LOCAL",
        // metadata beats link-local, CGNAT, 192.0.0/24 and public
        "169.254.169.254, METADATA",
        "169.254.170.2, METADATA",
        "169.254.170.23, METADATA",
        "100.100.100.200, METADATA",
        "192.0.0.192, METADATA",
        "168.63.129.16, METADATA",
        // multicast 224/4
        "224.0.0.0, MULTICAST",
        "239.255.255.255, MULTICAST",
        // reserved / special purpose
        "240.0.0.0, RESERVED",
        "255.255.255.254, RESERVED",
        "192.0.0.0, RESERVED",
        "192.0.0.191, RESERVED",
        "192.0.0.255, RESERVED",
        "192.0.2.0, RESERVED",
        "192.0.2.255, RESERVED",
        "192.88.99.1, RESERVED",
        "198.18.0.0, RESERVED",
        "198.19.255.255, RESERVED",
        "198.51.100.0, RESERVED",
        "198.51.100.255, RESERVED",
        "203.0.113.0, RESERVED",
        "203.0.113.255, RESERVED",
        // broadcast
        "255.255.255.255, BROADCAST",
    })
    void classifiesIpv4(String address, AddressCategory expected) {
        InetAddress a = ip(address);
        assertThat(a).isInstanceOf(Inet4Address.class);
        assertThat(AddressClassifier.classify(a)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "::, UNSPECIFIED",
        "::1, LOOPBACK",
        // global unicast 2000::/3 and its edges
        "2000::, PUBLIC",
        "2001:4860:4860::8888, PUBLIC",
        "2606:4700::1111, PUBLIC",
        "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC",
        "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
        "4000::, RESERVED",
        // documentation 2001:db8::/32
        "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, PUBLIC",
        "2001:db8::, RESERVED",
        "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
        "2001:db9::, PUBLIC",
        // discard-only, local-use NAT64
        "100::, RESERVED",
        "100::ffff:ffff:ffff:ffff, RESERVED",
        "64:ff9b:1::a00:1, RESERVED",
        // unique local fc00::/7
        "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
        "fc00::, UNIQUE_LOCAL",
        "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, UNIQUE_LOCAL",
        "fd00:ec2::253, UNIQUE_LOCAL",
        "fd00:ec2::255, UNIQUE_LOCAL",
        // metadata beats unique local
        "fd00:ec2::254, METADATA",
        "fd00:ec2::23, METADATA",
        // link local fe80::/10, site local fec0::/10
        "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
        "fe80::, LINK_LOCAL",
        "fe80::1, LINK_LOCAL",
        "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff, LINK_LOCAL",
        "fec0::, RESERVED",
        "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, RESERVED",
        // multicast ff00::/8
        "ff00::, MULTICAST",
        "ff02::1, MULTICAST",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, MULTICAST",
        // IPv4-mapped ::ffff:0:0/96
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:10.0.0.1, PRIVATE",
        "::ffff:169.254.169.254, METADATA",
        "::ffff:0.0.0.0, UNSPECIFIED",
        "::ffff:255.255.255.255, BROADCAST",
        "::ffff:8.8.8.8, PUBLIC",
        // IPv4-translated ::ffff:0:0:0/96
        "::ffff:0:127.0.0.1, LOOPBACK",
        "::ffff:0:8.8.8.8, PUBLIC",
        // IPv4-compatible ::/96
        "::127.0.0.1, LOOPBACK",
        "::10.0.0.1, PRIVATE",
        "::8.8.8.8, PUBLIC",
        "::0.0.0.2, UNSPECIFIED",
        // NAT64 64:ff9b::/96
        "64:ff9b::127.0.0.1, LOOPBACK",
        "64:ff9b::192.168.1.1, PRIVATE",
        "64:ff9b::169.254.169.254, METADATA",
        "64:ff9b::8.8.8.8, PUBLIC",
        // 6to4 2002::/16, IPv4 in bits 16..47
        "2002:7f00:1::, LOOPBACK",
        "2002:a9fe:a9fe::1, METADATA",
        "2002:c0a8:101::1, PRIVATE",
        "2002:808:808::1, PUBLIC",
    })
    void classifiesIpv6(String address, AddressCategory expected) {
        InetAddress a = ip(address);
        assertThat(a).isInstanceOf(Inet6Address.class);
        assertThat(AddressClassifier.classify(a)).isEqualTo(expected);
    }

    @Test
    void mappedAddressConvertedByTheJdkIsStillLoopback() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress a = InetAddress.getByAddress(mapped);
        assertThat(a).isInstanceOf(Inet4Address.class);
        assertThat(AddressClassifier.classify(a)).isEqualTo(AddressCategory.LOOPBACK);
    }

    @Test
    void scopeIdDoesNotChangeTheCategory() throws Exception {
        InetAddress a = Inet6Address.getByAddress(null, ip("fe80::1").getAddress(), 1);
        assertThat(AddressClassifier.classify(a)).isEqualTo(AddressCategory.LINK_LOCAL);
    }

    private static final Set<AddressCategory> NEVER = EnumSet.of(
            AddressCategory.METADATA,
            AddressCategory.MULTICAST,
            AddressCategory.BROADCAST,
            AddressCategory.UNSPECIFIED);

    @ParameterizedTest
    @EnumSource(AddressCategory.class)
    void policyWithoutPrivateNetworksAllowsOnlyPublic(AddressCategory category) {
        assertThat(AddressClassifier.isAllowed(category, false)).isEqualTo(category == AddressCategory.PUBLIC);
    }

    @ParameterizedTest
    @EnumSource(AddressCategory.class)
    void policyWithPrivateNetworksStillBlocksMetadataAndNonUnicast(AddressCategory category) {
        assertThat(AddressClassifier.isAllowed(category, true)).isEqualTo(!NEVER.contains(category));
    }

    @Test
    void rejectsNull() {
        assertThatNullPointerException()
                .isThrownBy(() -> AddressClassifier.classify(null))
                .withMessage("address == null");
        assertThatNullPointerException()
                .isThrownBy(() -> AddressClassifier.isAllowed(null, true))
                .withMessage("category == null");
    }
}
