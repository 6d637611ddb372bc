package dev.hookline.worker.ssrf;

import static dev.hookline.worker.ssrf.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pure: check() and checkUrlHost() never resolve or connect. */
class SsrfPolicyTest {

    private static final SsrfPolicy STRICT = SsrfPolicy.strict();
    private static final SsrfPolicy PRIVATE_OK = new SsrfPolicy(true, List.of());

    private static SsrfPolicy allowing(String... cidrs) {
        List<Cidr> list = new ArrayList<>();
        for (String c : cidrs) {
            list.add(Cidr.parse(c));
        }
        return new SsrfPolicy(false, list);
    }

    @Test
    void strictAllowsOnlyPublic() {
        assertThat(STRICT.check(ip("8.8.8.8"))).isEqualTo(new Verdict(true, "8.8.8.8 is a public address"));
        assertThat(STRICT.check(ip("127.0.0.1")).reason()).isEqualTo("blocked: 127.0.0.1 is a loopback address");
        assertThat(STRICT.check(ip("10.0.0.1")).reason()).isEqualTo("blocked: 10.0.0.1 is a private-network address");
        assertThat(STRICT.check(ip("::ffff:192.168.0.1")).reason())
                .isEqualTo("blocked: ::ffff:192.168.0.1 is a private-network address");
        assertThat(STRICT.check(ip("fd12::1")).allowed()).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10.0.0.1|allowed: 10.0.0.1 is a private-network address and private networks are allowed",
                "127.0.0.1|allowed: 127.0.0.1 is a loopback address and private networks are allowed",
                "fe80::1|allowed: fe80::1 is a link-local address and private networks are allowed",
                "198.18.0.1|allowed: 198.18.0.1 is a reserved special-purpose address and private networks are allowed",
                "169.254.169.254|blocked: 169.254.169.254 is a cloud metadata address "
                        + "(only an exact allow-list entry such as 169.254.169.254/32 permits it)",
                "fd00:ec2::254|blocked: fd00:ec2::254 is a cloud metadata address "
                        + "(only an exact allow-list entry such as fd00:ec2::254/128 permits it)",
                "0.0.0.0|blocked: 0.0.0.0 is an unspecified address",
                "224.0.0.1|blocked: 224.0.0.1 is a multicast address",
                "255.255.255.255|blocked: 255.255.255.255 is a broadcast address",
            })
    void privateNetworksAllowedStillBlocksMetadataAndNonUnicast(String address, String reason) {
        assertThat(PRIVATE_OK.check(ip(address)).reason()).isEqualTo(reason);
    }

    @Test
    void allowListOverridesCategory() {
        SsrfPolicy policy = allowing("127.0.0.0/8", "10.1.0.0/16");
        assertThat(policy.check(ip("127.0.0.1")).reason())
                .isEqualTo("allowed: 127.0.0.1 is in allow-list entry 127.0.0.0/8");
        assertThat(policy.check(ip("::ffff:127.0.0.2")).allowed()).isTrue();
        assertThat(policy.check(ip("10.1.255.255")).allowed()).isTrue();
        assertThat(policy.check(ip("10.2.0.0")).allowed()).isFalse();
        assertThat(policy.check(ip("::1")).allowed()).isFalse();
    }

    @Test
    void onlyAnExactEntryUnlocksMetadata() {
        assertThat(allowing("169.254.0.0/16").check(ip("169.254.1.1")).allowed())
                .isTrue();
        assertThat(allowing("169.254.0.0/16").check(ip("169.254.169.254")).allowed())
                .isFalse();
        assertThat(allowing("0.0.0.0/0", "::/0").check(ip("169.254.169.254")).allowed())
                .isFalse();
        assertThat(allowing("::/0").check(ip("fd00:ec2::254")).allowed()).isFalse();
        assertThat(new SsrfPolicy(true, List.of(Cidr.parse("0.0.0.0/0")))
                        .check(ip("100.100.100.200"))
                        .allowed())
                .isFalse();
        assertThat(allowing("169.254.169.254").check(ip("169.254.169.254")).reason())
                .isEqualTo("allowed: 169.254.169.254 is in allow-list entry 169.254.169.254/32");
        assertThat(allowing("169.254.169.254/32")
                        .check(ip("::ffff:169.254.169.254"))
                        .allowed())
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "127.0.0.1|blocked: 127.0.0.1 is a loopback address",
                "127.1|blocked: 127.0.0.1 is a loopback address",
                "0x7f000001|blocked: 127.0.0.1 is a loopback address",
                "2130706433|blocked: 127.0.0.1 is a loopback address",
                "0177.0.0.1|blocked: 127.0.0.1 is a loopback address",
                "[::1]|blocked: ::1 is a loopback address",
                "[::ffff:127.0.0.1]|blocked: 127.0.0.1 is a loopback address",
                "0.0.0.0|blocked: 0.0.0.0 is an unspecified address",
                "[::ffff:10.0.0.1]|blocked: 10.0.0.1 is a private-network address",
                "0xa9fea9fe|blocked: 169.254.169.254 is a cloud metadata address "
                        + "(only an exact allow-list entry such as 169.254.169.254/32 permits it)",
                "localhost|blocked: localhost is a loopback name (127.0.0.1 is a loopback address)",
                "foo.localhost|blocked: foo.localhost is a loopback name (127.0.0.1 is a loopback address)",
                "256.0.0.1|blocked: invalid host '256.0.0.1': not a valid IPv4 address",
                "[fe80::1%25eth0]|blocked: invalid host '[fe80::1%25eth0]': IPv6 zone ids are not allowed",
                "8.8.8.8|allowed: 8.8.8.8 is a public address",
                "Example.COM|allowed: example.com is a host name; its addresses are checked after DNS resolution at delivery",
            })
    void checkUrlHostJudgesLiteralsNowAndNamesLater(String host, String reason) {
        assertThat(STRICT.checkUrlHost(host).reason()).isEqualTo(reason);
    }

    @Test
    void loopbackNameIsAllowedWhenAnyLoopbackAddressIs() {
        assertThat(PRIVATE_OK.checkUrlHost("localhost").reason())
                .isEqualTo("allowed: localhost is a loopback name "
                        + "(127.0.0.1 is a loopback address and private networks are allowed)");
        assertThat(allowing("::1").checkUrlHost("localhost").reason())
                .isEqualTo("allowed: localhost is a loopback name (::1 is in allow-list entry ::1/128)");
    }

    @Test
    void allowListIsCopied() {
        List<Cidr> list = new ArrayList<>(List.of(Cidr.parse("10.0.0.0/8")));
        SsrfPolicy policy = new SsrfPolicy(false, list);
        list.clear();
        assertThat(policy.allowList()).containsExactly(Cidr.parse("10.0.0.0/8"));
    }

    @Test
    void rejectsNull() {
        assertThatNullPointerException()
                .isThrownBy(() -> new SsrfPolicy(false, null))
                .withMessage("allowList == null");
        assertThatNullPointerException().isThrownBy(() -> STRICT.check(null)).withMessage("address == null");
        assertThatNullPointerException()
                .isThrownBy(() -> STRICT.checkUrlHost(null))
                .withMessage("host == null");
    }
}
