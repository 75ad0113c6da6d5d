package dev.httptunnel.lambda.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.protocol.HeaderList;
import org.junit.jupiter.api.Test;

class PrefixRewriterTest {

    @Test
    void serverAbsoluteLocations_getThePrefix_butUrlsAndRelativePathsDoNot() {
        assertThat(rewrite("Location", "/login")).isEqualTo("/t/login");
        assertThat(rewrite("Location", "https://elsewhere.example/x")).isEqualTo("https://elsewhere.example/x");
        assertThat(rewrite("Location", "//cdn.example/x")).isEqualTo("//cdn.example/x");
        assertThat(rewrite("Location", "next")).isEqualTo("next");
        assertThat(rewrite("Location", "/t/already")).isEqualTo("/t/already");
    }

    @Test
    void cookiePaths_getThePrefix_whateverTheAttributeCase() {
        assertThat(rewrite("Set-Cookie", "a=1; Path=/; HttpOnly")).isEqualTo("a=1; Path=/t/; HttpOnly");
        assertThat(rewrite("Set-Cookie", "a=1; path=/app")).isEqualTo("a=1; path=/t/app");
        assertThat(rewrite("Set-Cookie", "a=1; Secure")).isEqualTo("a=1; Secure");
    }

    @Test
    void withoutAPrefix_nothingChanges() {
        HeaderList headers = HeaderList.of("Location", "/x", "Set-Cookie", "a=1; Path=/");

        assertThat(PrefixRewriter.rewrite(headers, "")).isSameAs(headers);
    }

    @Test
    void otherHeaders_areLeftAlone() {
        assertThat(rewrite("Link", "</style.css>; rel=preload")).isEqualTo("</style.css>; rel=preload");
    }

    private static String rewrite(String name, String value) {
        return PrefixRewriter.rewrite(HeaderList.of(name, value), "/t").first(name).orElseThrow();
    }
}
