package dev.httptunnel.lambda.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TunnelRouterTest {

    private final TunnelRouter router = new TunnelRouter("tunnel.example.com");

    @Test
    void subdomainMode_takesTheTunnelFromTheHost_andKeepsThePath() {
        assertThat(router.route("abc123def456.tunnel.example.com", "/a/b%20c", "$default"))
                .contains(new TunnelRoute("abc123def456", "/a/b%20c", "", "abc123def456.tunnel.example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABC123DEF456.TUNNEL.EXAMPLE.COM", "abc123def456.tunnel.example.com:443",
        "Abc123Def456.Tunnel.Example.Com:8080", "abc123def456.tunnel.example.com."})
    void subdomainMode_ignoresCaseTrailingDotAndPorts(String host) {
        assertThat(router.route(host, "/", "$default")).map(TunnelRoute::tunnelId).contains("abc123def456");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil-tunnel.example.com", "xtunnel.example.com", "tunnel.example.com.evil.com",
        "abc123def456.tunnel.example.com.evil.com", "abc123def456tunnel.example.com"})
    void lookAlikeHosts_areNotSubdomains_andFallBackToPathMode(String host) {
        assertThat(router.route(host, "/", "$default")).isEmpty();
        assertThat(router.route(host, "/abc123def456/x", "$default"))
                .contains(new TunnelRoute("abc123def456", "/x", "/abc123def456"));
    }

    @Test
    void aSubdomainThatIsNotATunnelName_isNoTunnel_evenWithATunnelInThePath() {
        assertThat(router.route("under_score.tunnel.example.com", "/abc123def456/", "$default")).isEmpty();
        assertThat(router.route("xn--caf-dma.tunnel.example.com", "/abc123def456/", "$default")).isEmpty();
        assertThat(router.route("a.abc123def456.tunnel.example.com", "/", "$default")).isEmpty();
    }

    @Test
    void chosenNames_routeInBothForms_likeRandomIds() {
        assertThat(router.route("shop.tunnel.example.com", "/webhooks", "$default"))
                .contains(new TunnelRoute("shop", "/webhooks", "", "shop.tunnel.example.com"));
        assertThat(router.route("api.example.com", "/alice-shop/webhooks", "$default"))
                .contains(new TunnelRoute("alice-shop", "/webhooks", "/alice-shop"));
    }

    @Test
    void pathMode_takesTheFirstSegment_andStripsIt() {
        assertThat(router.route("api.example.com", "/abc123def456/static/app.js", "$default"))
                .contains(new TunnelRoute("abc123def456", "/static/app.js", "/abc123def456"));
        assertThat(router.route("api.example.com", "/abc123def456", "$default"))
                .contains(new TunnelRoute("abc123def456", "/", "/abc123def456"));
        assertThat(router.route("tunnel.example.com", "/abc123def456/", "$default"))
                .contains(new TunnelRoute("abc123def456", "/", "/abc123def456"));
    }

    @Test
    void pathMode_refusesSegmentsThatAreNotTunnelIds() {
        assertThat(router.route("api.example.com", "/", "$default")).isEmpty();
        assertThat(router.route("api.example.com", "/favicon.ico", "$default")).isEmpty();
        assertThat(router.route("api.example.com", "/ABC123DEF456/", "$default")).isEmpty();
        assertThat(router.route("api.example.com", "//abc123def456/", "$default")).isEmpty();
    }

    @Test
    void namedStage_isStrippedFirst_andBecomesPartOfThePrefix() {
        assertThat(router.route("id.execute-api.us-east-1.amazonaws.com", "/prod/abc123def456/x?", "prod"))
                .contains(new TunnelRoute("abc123def456", "/x?", "/prod/abc123def456"));
        assertThat(router.route("abc123def456.tunnel.example.com", "/prod/x", "prod"))
                .contains(new TunnelRoute("abc123def456", "/x", "/prod", "abc123def456.tunnel.example.com"));
        assertThat(router.route("abc123def456.tunnel.example.com", "/production/x", "prod"))
                .contains(new TunnelRoute("abc123def456", "/production/x", "", "abc123def456.tunnel.example.com"));
    }

    @Test
    void ipv6AndMissingHosts_areHandled() {
        assertThat(TunnelRouter.hostname("[::1]:8080")).isEqualTo("[::1]");
        assertThat(router.route(null, "/abc123def456/", null)).map(TunnelRoute::path).contains("/");
    }
}
