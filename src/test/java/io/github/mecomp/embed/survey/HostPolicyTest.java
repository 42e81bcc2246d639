package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostPolicyTest {

    @Test
    void loopbackBindAnswersToTheLoopbackNamesOnAnyPort() {
        HostPolicy p = HostPolicy.forBind(new InetSocketAddress("127.0.0.1", 8080), List.of());
        for (String host : List.of("127.0.0.1:8080", "localhost:8080", "LOCALHOST", "localhost.:9", "[::1]:8080",
                "[0:0:0:0:0:0:0:1]", "127.0.0.1")) {
            assertTrue(p.allows(host), host);
        }
        for (String host : List.of("evil.example:8080", "evil.example", "127.0.0.1.evil.example", "localhost.evil",
                "", "[::1", "[::2]:8080", "192.168.1.20")) {
            assertFalse(p.allows(host), host);
        }
        assertFalse(p.allows(null), "no Host header");
    }

    @Test
    void aSpecificAddressAnswersToItselfAndTheAllowedNames() {
        HostPolicy p = HostPolicy.forBind(new InetSocketAddress("127.0.0.2", 0), List.of("Survey.Example.org"));
        assertTrue(p.allows("127.0.0.2:80"));
        assertTrue(p.allows("survey.example.org"));
        assertTrue(p.allows("SURVEY.EXAMPLE.ORG:443"));
        assertFalse(p.allows("example.org"));
    }

    @Test
    void theWildcardAddressIsNeverANameButLoopbackAndAllowedNamesAre() {
        HostPolicy p = HostPolicy.forBind(new InetSocketAddress("0.0.0.0", 0), List.of("survey.example.org"));
        assertFalse(p.names().contains("0.0.0.0"), p.names().toString());
        assertFalse(p.allows("0.0.0.0:8080"));
        assertTrue(p.allows("127.0.0.1:8080"));
        assertTrue(p.allows("survey.example.org"));
        assertFalse(p.allows("rebound.attacker.example"));
    }

    @Test
    void allowedHostsThatAreNotHostNamesAreRefusedWithTheOption() {
        for (String bad : List.of("http://survey.example.org", "survey.example.org:8080", "a/b", "", "two words")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HostPolicy.forBind(new InetSocketAddress("127.0.0.1", 0), List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("--allowed-host " + bad + " is not a host name"), e.getMessage());
        }
    }

    @Test
    void ipv6LiteralsCompareInOneForm() {
        assertEquals(Optional.of("[0:0:0:0:0:0:0:1]"), HostPolicy.normalise("[::1]"));
        assertEquals(HostPolicy.normalise("[fe80::1]"), HostPolicy.normalise("FE80:0:0:0:0:0:0:1"));
        assertEquals(Optional.empty(), HostPolicy.normalise("[not:an:address!]"));
    }
}
