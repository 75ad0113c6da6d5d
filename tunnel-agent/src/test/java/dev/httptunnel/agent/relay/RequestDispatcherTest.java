package dev.httptunnel.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.httptunnel.protocol.ErrorCode;
import dev.httptunnel.protocol.ErrorMessage;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admission without worker threads: at most N relays at once, a bounded queue, {@code agent_busy} beyond,
 * one answer per request whatever the sink does, and queued requests answered on close. Against a real
 * app on loopback that answers {@code /slow} only when the test lets it.
 */
class RequestDispatcherTest {

    private HttpServer app;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, List<Message>> answers = new ConcurrentHashMap<>();

    @BeforeEach
    void startApp() throws Exception {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        app.setExecutor(Executors.newCachedThreadPool());
        app.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
    }

    @AfterEach
    void stopApp() {
        release.countDown();
        app.stop(0);
    }

    private RequestDispatcher dispatcher(int maxConcurrency, int queue) {
        LocalRelay relay = new LocalRelay("127.0.0.1", app.getAddress().getPort(), HostHeaderPolicy.REWRITE,
                Duration.ofSeconds(10));
        return new RequestDispatcher(relay, maxConcurrency, queue);
    }

    private static TunnelRequest get(String id, String path) {
        return TunnelRequest.of(id, "GET", path, null, HeaderList.of(), new byte[0]);
    }

    private void record(TunnelRequest request, RelayOutcome outcome, long receivedAtNanos) {
        answers.computeIfAbsent(request.requestId(), id -> new CopyOnWriteArrayList<>()).add(outcome.answer());
    }

    private void awaitAnswers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (answers.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void beyondConcurrencyAndQueue_theRequestIsAnsweredAgentBusyAtOnce_andTheOthersWhenTheAppAnswers()
            throws Exception {
        try (RequestDispatcher dispatcher = dispatcher(1, 1)) {
            dispatcher.dispatch(get("running", "/slow"), this::record);
            dispatcher.dispatch(get("queued", "/fast"), this::record);
            dispatcher.dispatch(get("refused", "/fast"), this::record);

            assertThat(answers).containsOnlyKeys("refused");
            assertThat(((ErrorMessage) answers.get("refused").get(0)).code()).isEqualTo(ErrorCode.AGENT_BUSY);

            release.countDown();
            awaitAnswers(3);
            assertThat(answers.get("running")).singleElement().isInstanceOf(TunnelResponse.class);
            assertThat(answers.get("queued")).singleElement().isInstanceOf(TunnelResponse.class);
        }
    }

    @Test
    void aSinkThatThrows_getsOneAnswerPerRequest_andTheSlotIsFreedForTheNext() throws Exception {
        release.countDown();
        try (RequestDispatcher dispatcher = dispatcher(1, 4)) {
            RequestDispatcher.AnswerSink throwing = (request, outcome, at) -> {
                record(request, outcome, at);
                throw new IllegalStateException("the sink failed");
            };
            for (int i = 0; i < 4; i++) {
                dispatcher.dispatch(get("req-" + i, "/fast"), throwing);
            }
            // Refused before any network I/O, so answered on this very thread: the sink throws through the relay.
            dispatcher.dispatch(TunnelRequest.of("unsendable", "CONNECT", "/fast", null, HeaderList.of(), new byte[0]),
                    throwing);

            awaitAnswers(5);
            Thread.sleep(100);
            assertThat(answers).hasSize(5);
            answers.forEach((id, list) -> assertThat(list).as(id).singleElement()
                    .isInstanceOf(id.equals("unsendable") ? ErrorMessage.class : TunnelResponse.class));

            dispatcher.dispatch(get("after", "/fast"), this::record);
            awaitAnswers(6);
            assertThat(answers.get("after")).singleElement().isInstanceOf(TunnelResponse.class);
        }
    }

    @Test
    void close_answersTheQueuedRequests_asShuttingDown() {
        RequestDispatcher dispatcher = dispatcher(1, 2);
        dispatcher.dispatch(get("running", "/slow"), this::record);
        dispatcher.dispatch(get("queued", "/fast"), this::record);

        dispatcher.close();

        ErrorMessage refusal = (ErrorMessage) answers.get("queued").get(0);
        assertThat(refusal.code()).isEqualTo(ErrorCode.AGENT_ERROR);
        assertThat(refusal.message()).contains("shutting down");
        dispatcher.dispatch(get("late", "/fast"), this::record);
        assertThat(((ErrorMessage) answers.get("late").get(0)).message()).contains("shutting down");
    }
}
