package dev.httptunnel.local.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleAppTest {

    @Test
    void echo_sendsABinaryBodyBackByteForByte_afterTheRequestItSaw() throws Exception {
        byte[] body = new byte[4096];
        new Random(7).nextBytes(body);
        SampleApp app = SampleApp.start(0);
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/echo?x=1"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());

            byte[] answer = response.body();
            assertThat(new String(answer, 0, 12, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("POST /echo?x");
            assertThat(Arrays.copyOfRange(answer, answer.length - body.length, answer.length)).isEqualTo(body);
        } finally {
            app.close();
        }
    }
}
