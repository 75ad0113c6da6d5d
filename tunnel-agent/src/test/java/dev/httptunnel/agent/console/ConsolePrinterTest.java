package dev.httptunnel.agent.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.agent.ConnectionState;
import dev.httptunnel.agent.RequestLogEntry;
import dev.httptunnel.protocol.ConnectionEstablished;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Request lines reach the console soon, in order, and never make the relaying thread wait for it. */
class ConsolePrinterTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

    private static RequestLogEntry get(String path) {
        return new RequestLogEntry("GET", path, 200, null, Duration.ofMillis(3));
    }

    private static String waitForText(ByteArrayOutputStream bytes, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = bytes.toString(StandardCharsets.UTF_8);
            if (text.contains(expected)) {
                return text;
            }
            Thread.sleep(10);
        }
        return text;
    }

    @Test
    void requestLines_areWrittenShortly_inTheOrderAnswered() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsolePrinter printer = new ConsolePrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "http://127.0.0.1:3000", "rewrite", NOON);

        for (int i = 0; i < 100; i++) {
            printer.onRequest(get("/page/" + i));
        }

        String text = waitForText(bytes, "/page/99 ");
        assertThat(text.lines()).hasSize(100);
        assertThat(text.indexOf("/page/7 ")).isLessThan(text.indexOf("/page/8 "));
    }

    @Test
    void theBanner_namesTheInspector_onceItRuns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsolePrinter printer = new ConsolePrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "http://127.0.0.1:3000", "rewrite", NOON);
        printer.onEstablished(new ConnectionEstablished("shop", List.of("http://shop.localhost:8080")));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("Inspector");

        printer.onInspectorStarted(java.net.URI.create("http://127.0.0.1:4041/"));
        printer.onEstablished(new ConnectionEstablished("other", List.of("http://other.localhost:8080")));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Inspector    http://127.0.0.1:4041/");
    }

    @Test
    void aReconnectToTheSameUrls_isOneLine_notTheBannerAgain_andNewsIsPrintedAsSaid() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsolePrinter printer = new ConsolePrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "http://127.0.0.1:3000", "rewrite", NOON);
        ConnectionEstablished tunnel = new ConnectionEstablished("shop", List.of("https://shop.example.com"));

        printer.onEstablished(tunnel);
        printer.onStateChanged(ConnectionState.RECONNECTING, "the service closed the connection (1006)");
        printer.onEstablished(new ConnectionEstablished("shop", List.of("https://shop.example.com"), 7200L));
        printer.onNews("Rotated to a new connection after 6900 s");

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.split("Tunnel shop is online", -1)).as("banners").hasSize(2);
        assertThat(text).contains("Reconnected at the same URLs; callers meanwhile were held, or got 503")
                .endsWith("Rotated to a new connection after 6900 s" + System.lineSeparator());
    }

    @Test
    void connectionNews_comesAfterTheRequestLinesBeforeIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsolePrinter printer = new ConsolePrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "http://127.0.0.1:3000", "rewrite", NOON);

        printer.onRequest(get("/before"));
        printer.onStateChanged(ConnectionState.CLOSED, "closed by the user");

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("/before").endsWith("Tunnel closed." + System.lineSeparator());
    }

    @Test
    void aConsoleThatStopsReading_doesNotHoldUpTheRelay_andLinesBeyondTheQueueAreCounted() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    reading.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                bytes.write(b, off, len);
            }
        };
        ConsolePrinter printer = new ConsolePrinter(new PrintStream(stalled, true, StandardCharsets.UTF_8),
                "http://127.0.0.1:3000", "rewrite", NOON);
        printer.onRequest(get("/first"));
        Thread.sleep(3 * ConsolePrinter.REQUEST_LINE_DELAY.toMillis()); // the console thread is now stuck writing

        CompletableFuture<Void> relayed = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20_000; i++) {
                printer.onRequest(get("/page/" + i));
            }
        });

        relayed.get(10, TimeUnit.SECONDS);
        reading.countDown();
        String text = waitForText(bytes, "request lines not shown");
        assertThat(text).contains("/first").contains("/page/0 ").contains("request lines not shown");
    }
}
