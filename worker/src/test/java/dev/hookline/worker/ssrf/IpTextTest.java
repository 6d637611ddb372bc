package dev.hookline.worker.ssrf;

import static dev.hookline.worker.ssrf.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:0:0:0:0:0:0:0, 1::",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "fd00:ec2:0:0:0:0:0:254, fd00:ec2::254",
        "FE80:0:0:0:0:0:0:ABCD, fe80::abcd",
        "0:0:0:0:0:ffff:a00:1, ::ffff:10.0.0.1",
        "0:0:0:0:0:0:a00:1, ::a00:1",
        "64:ff9b:0:0:0:0:7f00:1, 64:ff9b::7f00:1",
    })
    void formatsCanonically(String address, String expected) {
        assertThat(IpText.format(ip(address))).isEqualTo(expected);
    }
}
