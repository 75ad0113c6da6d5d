package dev.httptunnel.agent.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import org.junit.jupiter.api.Test;

class InspectorGuardTest {

    private final InspectorGuard guard = new InspectorGuard("127.0.0.1", 4040);

    private static Headers headers(String... namesAndValues) {
        Headers headers = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    @Test
    void ownAddresses_pass_withOrWithoutTheirOwnOrigin() {
        for (String host : new String[] {"127.0.0.1:4040", "localhost:4040", "[::1]:4040", "LocalHost:4040"}) {
            assertThat(guard.refusal(headers("Host", host))).as(host).isNull();
            assertThat(guard.refusal(headers("Host", host, "Origin", "http://" + host))).as(host).isNull();
        }
    }

    @Test
    void anotherHost_isRefused_evenWithTheRightPort() {
        assertThat(guard.refusal(headers("Host", "rebind.attacker.example:4040"))).contains("DNS rebinding");
        assertThat(guard.refusal(headers("Host", "127.0.0.1:4041"))).isNotNull();
        assertThat(guard.refusal(headers("Host", "127.0.0.1"))).as("no port").isNotNull();
        assertThat(guard.refusal(headers())).contains("named no host");
        assertThat(guard.refusal(headers("Host", "127.0.0.1:4040", "Host", "127.0.0.1:4040"))).as("two").isNotNull();
    }

    @Test
    void anotherOrigin_isRefused_evenOnTheOwnHost() {
        for (String origin : new String[] {"http://attacker.example", "null", "https://127.0.0.1:4040",
                "http://127.0.0.1:4040.attacker.example", "http://localhost:4041"}) {
            assertThat(guard.refusal(headers("Host", "127.0.0.1:4040", "Origin", origin))).as(origin)
                    .contains("another origin");
        }
    }

    @Test
    void aBoundAddress_isOneOfItsOwn() {
        InspectorGuard ipv6 = new InspectorGuard("::1", 4050);
        assertThat(ipv6.refusal(headers("Host", "[::1]:4050"))).isNull();
        InspectorGuard lan = new InspectorGuard("192.168.1.20", 4040);
        assertThat(lan.refusal(headers("Host", "192.168.1.20:4040"))).isNull();
    }
}
