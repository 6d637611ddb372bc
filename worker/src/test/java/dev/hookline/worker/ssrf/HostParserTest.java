package dev.hookline.worker.ssrf;

import static dev.hookline.worker.ssrf.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** HostParser never performs DNS, so nothing here leaves the JVM. */
class HostParserTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.1",
                "127.0.1",
                "0x7f000001",
                "0X7F000001",
                "2130706433",
                "017700000001",
                "0177.0.0.1",
                "0x7f.0.0.1",
                "0x7f.1",
                "0177.0x0.0.01",
                "127.0.0.1.",
                "[::ffff:127.0.0.1]",
                "[::ffff:7f00:1]",
                "[0:0:0:0:0:ffff:7f00:1]",
                "::ffff:127.0.0.1",
            })
    void everySpellingOf127001IsThatLiteral(String host) {
        ParsedHost parsed = HostParser.parse(host);
        assertThat(parsed).isInstanceOf(ParsedHost.Literal.class);
        assertThat(((ParsedHost.Literal) parsed).address().getAddress())
                .isEqualTo(ip("127.0.0.1").getAddress());
        assertThat(HostParser.literalAddress(host))
                .map(InetAddress::getAddress)
                .hasValue(ip("127.0.0.1").getAddress());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "[::1], ::1",
        "::1, ::1",
        "[0:0:0:0:0:0:0:1], ::1",
        "0.0.0.0, 0.0.0.0",
        "0, 0.0.0.0",
        "0x0, 0.0.0.0",
        "0x, 0.0.0.0",
        "10.1, 10.0.0.1",
        "192.168.257, 192.168.1.1",
        "0xa9fea9fe, 169.254.169.254",
        "2852039166, 169.254.169.254",
        "0251.0376.0251.0376, 169.254.169.254",
        "0127.0.0.1, 87.0.0.1",
        "010.0.0.1, 8.0.0.1",
        "4294967295, 255.255.255.255",
        "0xffffffff, 255.255.255.255",
        "1.16777215, 1.255.255.255",
        "1.2.65535, 1.2.255.255",
        "8.8.8.8, 8.8.8.8",
        "[fe80::1], fe80::1",
        "[FD00:EC2::254], fd00:ec2::254",
        "[::ffff:0:127.0.0.1], ::ffff:0:127.0.0.1",
    })
    void parsesLiterals(String host, String expected) {
        assertThat(HostParser.literalAddress(host))
                .map(InetAddress::getAddress)
                .hasValue(ip(expected).getAddress());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "localhost, localhost",
        "LOCALHOST, localhost",
        "localhost., localhost",
        "foo.localhost, foo.localhost",
        "a.b.LocalHost, a.b.localhost",
    })
    void localhostNamesAreLoopbackNames(String host, String name) {
        assertThat(HostParser.parse(host)).isEqualTo(new ParsedHost.LoopbackName(name));
        assertThat(HostParser.literalAddress(host)).isEmpty();
        assertThat(((ParsedHost.LoopbackName) HostParser.parse(host)).addresses())
                .extracting(InetAddress::getAddress)
                .containsExactly(ip("127.0.0.1").getAddress(), ip("::1").getAddress());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "example.com, example.com",
        "EXAMPLE.com., example.com",
        "notlocalhost, notlocalhost",
        "localhost.example.com, localhost.example.com",
        "1.2.3.example, 1.2.3.example",
        "0x7g, 0x7g",
        "_acme.example-host.io, _acme.example-host.io",
        "127.0.0.1.nip.io, 127.0.0.1.nip.io",
    })
    void namesAreDomainNames(String host, String name) {
        assertThat(HostParser.parse(host)).isEqualTo(new ParsedHost.DomainName(name));
        assertThat(HostParser.literalAddress(host)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "256.0.0.1|not a valid IPv4 address",
                "1.2.3.4.5|not a valid IPv4 address",
                "1.2.3.256|not a valid IPv4 address",
                "1.2.3.0x100|not a valid IPv4 address",
                "1.16777216|not a valid IPv4 address",
                "4294967296|not a valid IPv4 address",
                "0x100000000|not a valid IPv4 address",
                "99999999999999999999999|not a valid IPv4 address",
                "08.0.0.1|not a valid IPv4 address",
                "example.09|not a valid IPv4 address",
                "127.0.0.1..|empty label",
                "a..b|empty label",
                ".|empty host",
                "[fe80::1%25eth0]|IPv6 zone ids are not allowed",
                "[fe80::1%eth0]|IPv6 zone ids are not allowed",
                "fe80::1%eth0|IPv6 zone ids are not allowed",
                "[::1|unbalanced brackets",
                "::1]|unbalanced brackets",
                "[]|not an IPv6 address",
                "[1.2.3.4]|not an IPv6 address",
                "[::1::2]|not a valid IPv6 address",
                "[.::1]|not a valid IPv6 address",
                "[::1 ]|illegal character ' ' in IPv6 address",
                "[example.com]|not an IPv6 address",
                "127.0.0.%31|percent-encoded hosts are not allowed",
                "exa mple.com|illegal character ' ' in host",
                "ex/ample.com|illegal character '/' in host",
                "user@example.com|illegal character '@' in host",
                "\uff11\uff12\uff17.0.0.1|illegal character '\uff11' in host",
                "b\u00fccher.example|illegal character '\u00fc' in host",
            })
    void invalidHostsAreNeitherAddressesNorNames(String host, String reason) {
        assertThat(HostParser.parse(host)).isEqualTo(new ParsedHost.Invalid(host, reason));
        assertThat(HostParser.literalAddress(host)).isEmpty();
    }

    @Test
    void emptyHostIsInvalid() {
        assertThat(HostParser.parse("")).isEqualTo(new ParsedHost.Invalid("", "empty host"));
    }

    @Test
    void rejectsNull() {
        assertThatNullPointerException()
                .isThrownBy(() -> HostParser.parse(null))
                .withMessage("host == null");
    }
}
