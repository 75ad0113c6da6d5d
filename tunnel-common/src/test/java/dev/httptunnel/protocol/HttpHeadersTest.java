package dev.httptunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpHeadersTest {

    @Test
    void lookups_ignoreCase_andKeepOrder() {
        HttpHeaders headers = HttpHeaders.of("Accept", "a", "ACCEPT", "b", "Host", "h");

        assertThat(headers.all("accept")).containsExactly("a", "b");
        assertThat(headers.first("host")).contains("h");
        assertThat(headers.first("missing")).isEmpty();
    }

    @Test
    void without_removesEveryValueOfTheName() {
        HttpHeaders headers = HttpHeaders.of("X-A", "1", "x-a", "2", "X-B", "3").without("X-A");

        assertThat(headers.entries()).containsExactly(new HttpHeader("X-B", "3"));
    }

    @Test
    void headerInjection_isRefused() {
        assertThatThrownBy(() -> new HttpHeader("X", "a\r\nSet-Cookie: evil=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CR, LF or NUL");
        assertThatThrownBy(() -> new HttpHeader("X:Y", "v")).hasMessageContaining("HTTP token");
        assertThatThrownBy(() -> new HttpHeader("", "v")).hasMessageContaining("empty");
    }

    @Test
    void oddNumberOfArguments_isRefused() {
        assertThatThrownBy(() -> HttpHeaders.of("A")).hasMessageContaining("pairs");
    }
}
