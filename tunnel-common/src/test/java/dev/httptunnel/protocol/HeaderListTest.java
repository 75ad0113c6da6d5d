package dev.httptunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeaderListTest {

    @Test
    void lookups_ignoreCase_andKeepOrder() {
        HeaderList headers = HeaderList.of("Accept", "a", "ACCEPT", "b", "Host", "h");

        assertThat(headers.all("accept")).containsExactly("a", "b");
        assertThat(headers.first("host")).contains("h");
        assertThat(headers.first("missing")).isEmpty();
    }

    @Test
    void without_removesEveryValueOfTheName() {
        HeaderList headers = HeaderList.of("X-A", "1", "x-a", "2", "X-B", "3").without("X-A");

        assertThat(headers.entries()).containsExactly(new HeaderField("X-B", "3"));
    }

    @Test
    void headerInjection_isRefused() {
        assertThatThrownBy(() -> new HeaderField("X", "a\r\nSet-Cookie: evil=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CR, LF or NUL");
        assertThatThrownBy(() -> new HeaderField("X:Y", "v")).hasMessageContaining("HTTP token");
        assertThatThrownBy(() -> new HeaderField("", "v")).hasMessageContaining("empty");
    }

    @Test
    void oddNumberOfArguments_isRefused() {
        assertThatThrownBy(() -> HeaderList.of("A")).hasMessageContaining("pairs");
    }
}
