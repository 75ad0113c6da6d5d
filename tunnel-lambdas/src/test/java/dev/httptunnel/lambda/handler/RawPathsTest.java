package dev.httptunnel.lambda.handler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawPathsTest {

    @Test
    void anEncodedPath_passesUnchanged() {
        assertThat(RawPaths.requestLineSafe("/a%20b/%E2%82%AC/%3F/%2F~x-y_z.;=,@:!$&'()*+"))
                .isEqualTo("/a%20b/%E2%82%AC/%3F/%2F~x-y_z.;=,@:!$&'()*+");
    }

    @Test
    void aDecodedPath_isEncodedBackWhereItMustBe() {
        assertThat(RawPaths.requestLineSafe("/a b/€/😀/x?y#z")).isEqualTo("/a%20b/%E2%82%AC/%F0%9F%98%80/x%3Fy%23z");
        assertThat(RawPaths.requestLineSafe("/50%/%zz")).isEqualTo("/50%25/%25zz");
        assertThat(RawPaths.requestLineSafe("/\"<>\\^`{|}")).isEqualTo("/%22%3C%3E%5C%5E%60%7B%7C%7D");
        assertThat(RawPaths.requestLineSafe("/tab\there")).isEqualTo("/tab%09here");
    }

    @Test
    void aReplacementCharacter_staysLiteral_forTheAsciiRuleToRefuse() {
        // It stands for bytes that were not UTF-8: encoding it would hand the app EF BF BD instead.
        assertThat(RawPaths.requestLineSafe("/caf\uFFFD/\u00e9")).isEqualTo("/caf\uFFFD/%C3%A9");
    }

    @Test
    void aMissingPath_isTheRoot() {
        assertThat(RawPaths.requestLineSafe(null)).isEqualTo("/");
        assertThat(RawPaths.requestLineSafe("")).isEqualTo("/");
    }
}
