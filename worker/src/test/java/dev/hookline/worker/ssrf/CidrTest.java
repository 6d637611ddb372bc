package dev.hookline.worker.ssrf;

import static dev.hookline.worker.ssrf.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0, true",
        "10.0.0.0/8, 10.255.255.255, true",
        "10.0.0.0/8, 9.255.255.255, false",
        "10.0.0.0/8, 11.0.0.0, false",
        "172.16.0.0/12, 172.31.255.255, true",
        "172.16.0.0/12, 172.32.0.0, false",
        "192.168.1.10, 192.168.1.10, true",
        "192.168.1.10, 192.168.1.11, false",
        "192.168.1.10/32, 192.168.1.10, true",
        "0.0.0.0/0, 255.255.255.255, true",
        "0.0.0.0/0, ::1, false",
        "127.0.0.0/8, ::ffff:127.0.0.1, true",
        "127.0.0.0/8, ::ffff:128.0.0.1, false",
        "127.0.0.0/8, ::127.0.0.1, false",
        "127.0.0.0/8, ::1, false",
        "fd00::/8, fd12:3456::1, true",
        "fd00::/8, fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true",
        "fd00::/8, fc00::, false",
        "fd00::/8, fe00::, false",
        "fd00::/8, 10.0.0.1, false",
        "fe80::/10, febf::1, true",
        "fe80::/10, fec0::1, false",
        "::1, ::1, true",
        "::1, 127.0.0.1, false",
        "::/0, 8.8.8.8, true",
        "::ffff:0:0/96, 10.0.0.1, true",
        "::ffff:10.0.0.0/104, ::ffff:10.1.2.3, true",
        "::ffff:10.0.0.0/104, 10.1.2.3, true",
        "::ffff:10.0.0.0/104, 11.0.0.0, false",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "2001:db8::/32, 2001:db9::, false",
    })
    void contains(String cidr, String address, boolean expected) {
        assertThat(Cidr.parse(cidr).contains(ip(address))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0/8",
        "' 10.0.0.0/8 ', 10.0.0.0/8",
        "192.168.1.10, 192.168.1.10/32",
        "0.0.0.0/0, 0.0.0.0/0",
        "::1, ::1/128",
        "fd00::/8, fd00::/8",
        "::ffff:10.0.0.0/104, 10.0.0.0/8",
        "::ffff:10.0.0.1, 10.0.0.1/32",
    })
    void parsesAndPrints(String text, String expected) {
        assertThat(Cidr.parse(text)).hasToString(expected);
    }

    @Test
    void equalityIsByValue() {
        assertThat(Cidr.parse("::ffff:10.0.0.0/104")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("10.0.0.0/8")).isEqualTo(new Cidr(ip("10.0.0.0"), 8));
    }

    @Test
    void singleAddress() {
        assertThat(Cidr.parse("169.254.169.254").isSingleAddress()).isTrue();
        assertThat(Cidr.parse("fd00:ec2::254/128").isSingleAddress()).isTrue();
        assertThat(Cidr.parse("169.254.0.0/16").isSingleAddress()).isFalse();
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|empty CIDR",
                "'   '|empty CIDR",
                "10.0.0.0/33|invalid CIDR '10.0.0.0/33': prefix length 33 out of range 0..32 for 10.0.0.0",
                "::/129|invalid CIDR '::/129': prefix length 129 out of range 0..128 for ::",
                "10.0.0.0/-1|invalid CIDR '10.0.0.0/-1': prefix length '-1' is not a number",
                "10.0.0.0/|invalid CIDR '10.0.0.0/': prefix length '' is not a number",
                "10.0.0.0/8/8|invalid CIDR '10.0.0.0/8/8': prefix length '8/8' is not a number",
                "10.0.0.0/+8|invalid CIDR '10.0.0.0/+8': prefix length '+8' is not a number",
                "10.0.0.1/8|invalid CIDR '10.0.0.1/8': host bits set in 10.0.0.1/8; did you mean 10.0.0.0/8?",
                "fd00::1/8|invalid CIDR 'fd00::1/8': host bits set in fd00::1/8; did you mean fd00::/8?",
                "010.0.0.0/8|invalid CIDR '010.0.0.0/8': invalid IPv4 address '010.0.0.0': '010' has a leading zero, which some parsers read as octal",
                "10.0.0/8|invalid CIDR '10.0.0/8': invalid IPv4 address '10.0.0': expected four dot-separated decimal numbers",
                "0x0a000000/8|invalid CIDR '0x0a000000/8': invalid IPv4 address '0x0a000000': expected four dot-separated decimal numbers",
                "256.0.0.0/8|invalid CIDR '256.0.0.0/8': invalid IPv4 address '256.0.0.0': 256 > 255",
                "10.0.0.x/8|invalid CIDR '10.0.0.x/8': invalid IPv4 address '10.0.0.x': 'x' is not a decimal number",
                "example.com/8|invalid CIDR 'example.com/8': invalid IPv4 address 'example.com': expected four dot-separated decimal numbers",
                "fe80::%eth0/64|invalid CIDR 'fe80::%eth0/64': invalid IPv6 address 'fe80::%eth0': IPv6 zone ids are not allowed",
                "[::1]/128|invalid CIDR '[::1]/128': invalid IPv6 address '[::1]': illegal character '[' in IPv6 address",
                "fd00:::1/8|invalid CIDR 'fd00:::1/8': invalid IPv6 address 'fd00:::1': not a valid IPv6 address",
                "::ffff:10.0.0.0/95|invalid CIDR '::ffff:10.0.0.0/95': prefix length of an IPv4-mapped network must be 96..128",
            })
    void rejectsWithClearMessage(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text)).withMessage(message);
    }

    @Test
    void constructorValidates() {
        assertThatNullPointerException().isThrownBy(() -> new Cidr(null, 8)).withMessage("network == null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Cidr(ip("10.0.0.0"), 40))
                .withMessage("prefix length 40 out of range 0..32 for 10.0.0.0");
        assertThatNullPointerException().isThrownBy(() -> Cidr.parse(null)).withMessage("text == null");
        assertThatNullPointerException()
                .isThrownBy(() -> Cidr.parse("10.0.0.0/8").contains((InetAddress) null))
                .withMessage("address == null");
    }
}
