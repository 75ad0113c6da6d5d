package dev.httptunnel.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.httptunnel.local.storage.GatewayStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API and the Lambda emulation with stand-in forwarding handlers: the event a handler receives,
 * how its result reaches the caller, and every quota with the status AWS answers it with.
 */
class HttpApiIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();
    private LocalGateway gateway;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (gateway != null) {
            gateway.close();
        }
    }

    private void start(GatewaySettings.Builder settings,
                       Function<TunnelWiring, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> f)
            throws Exception {
        gateway = LocalGateway.start(settings.host("127.0.0.1").ports(0, 0).build(),
                GatewayStorage.inMemory(Clock.systemUTC()), TunnelHandlers.tunnel().withForwarding(f));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.httpPort() + pathAndQuery))
                .timeout(WAIT);
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static APIGatewayV2HTTPResponse ok() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("ok").build();
    }

    @Test
    void event_carriesPayloadFormat2Fields_asApiGatewayBuildsThem() throws Exception {
        AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();
        start(GatewaySettings.builder(), w -> (event, context) -> {
            seen.set(event);
            return ok();
        });
        long before = System.currentTimeMillis();

        send(request("/a%20b/%C3%A9/c?x=1&x=2&y=%2F&flag")
                .header("X-Multi", "one").header("X-Multi", "two")
                .header("Cookie", "a=1; b=2")
                .header("User-Agent", "http-api-test")
                .GET().build());

        APIGatewayV2HTTPEvent event = seen.get();
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("$default");
        assertThat(event.getRawPath()).isEqualTo("/a%20b/%C3%A9/c");
        assertThat(event.getRawQueryString()).isEqualTo("x=1&x=2&y=%2F&flag");
        assertThat(event.getQueryStringParameters()).containsExactlyInAnyOrderEntriesOf(
                Map.of("x", "1,2", "y", "/", "flag", ""));
        assertThat(event.getCookies()).containsExactly("a=1", "b=2");
        assertThat(event.getHeaders()).containsEntry("x-multi", "one,two")
                .containsEntry("user-agent", "http-api-test")
                .containsEntry("host", "localhost:" + gateway.httpPort())
                .containsEntry("x-forwarded-for", "127.0.0.1")
                .containsEntry("x-forwarded-proto", "http")
                .containsKey("x-amzn-trace-id")
                .doesNotContainKey("cookie");
        assertThat(event.getHeaders().keySet()).allSatisfy(name -> assertThat(name).isLowerCase());
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        assertThat(context.getHttp().getMethod()).isEqualTo("GET");
        assertThat(context.getHttp().getPath()).isEqualTo("/a%20b/%C3%A9/c");
        assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(context.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.getHttp().getUserAgent()).isEqualTo("http-api-test");
        assertThat(context.getDomainName()).isEqualTo("localhost");
        assertThat(context.getDomainPrefix()).isEqualTo("localhost");
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getRouteKey()).isEqualTo("$default");
        assertThat(context.getRequestId()).matches("[A-Za-z0-9]{15}=");
        assertThat(context.getTimeEpoch()).isBetween(before, System.currentTimeMillis());
        assertThat(context.getTime()).matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getBody()).isNull();
    }

    @Test
    void event_carriesABinaryBodyInBase64_andATextBodyAsText() throws Exception {
        List<APIGatewayV2HTTPEvent> seen = new ArrayList<>();
        start(GatewaySettings.builder(), w -> (event, context) -> {
            synchronized (seen) {
                seen.add(event);
            }
            return ok();
        });
        byte[] binary = new byte[5000];
        new Random(7).nextBytes(binary);

        send(request("/bin").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)).build());
        send(request("/json").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"é\":1}")).build());

        assertThat(seen.get(0).getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(seen.get(0).getBody())).isEqualTo(binary);
        assertThat(seen.get(0).getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(seen.get(1).getIsBase64Encoded()).isFalse();
        assertThat(seen.get(1).getBody()).isEqualTo("{\"é\":1}");
    }

    @Test
    void result_isMapped_cookiesEachTheirOwnSetCookie_base64BodyDecoded() throws Exception {
        byte[] body = new byte[3000];
        new Random(11).nextBytes(body);
        start(GatewaySettings.builder(), w -> (event, context) -> APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("X-Joined", "a, b", "Content-Type", "application/octet-stream"))
                .withCookies(List.of("a=1; Path=/", "b=2; HttpOnly"))
                .withBody(Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(true)
                .build());

        HttpResponse<byte[]> response = send(request("/x").GET().build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().allValues("set-cookie")).containsExactly("a=1; Path=/", "b=2; HttpOnly");
        assertThat(response.headers().allValues("x-joined")).containsExactly("a, b");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void handlerThatThrows_gets500InternalServerError() throws Exception {
        start(GatewaySettings.builder(), w -> (event, context) -> {
            throw new IllegalStateException("boom");
        });

        HttpResponse<byte[]> response = send(request("/x").GET().build());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(new String(response.body())).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void handlerSlowerThanTheIntegrationTimeout_gets503ServiceUnavailable_atTheTimeout() throws Exception {
        start(GatewaySettings.builder().httpIntegrationTimeout(Duration.ofMillis(600)), w -> (event, context) -> {
            try {
                release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok();
        });
        long start = System.nanoTime();

        HttpResponse<byte[]> response = send(request("/slow").GET().build());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(550),
                Duration.ofSeconds(3));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(new String(response.body())).isEqualTo("{\"message\":\"Service Unavailable\"}");
    }

    @Test
    void resultOverTheLambdaPayloadQuota_gets502() throws Exception {
        start(GatewaySettings.builder().maxLambdaPayloadBytes(64 * 1024), w -> (event, context) ->
                APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("r".repeat(70 * 1024)).build());

        HttpResponse<byte[]> response = send(request("/big").GET().build());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(new String(response.body())).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void requestOverTheHttpApiPayloadQuota_gets413_withoutInvokingTheFunction() throws Exception {
        AtomicInteger invocations = new AtomicInteger();
        start(GatewaySettings.builder().maxRequestBytes(100_000), w -> (event, context) -> {
            invocations.incrementAndGet();
            return ok();
        });

        HttpResponse<byte[]> response = send(request("/upload")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100_001])).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(new String(response.body())).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        assertThat(invocations).hasValue(0);
    }

    @Test
    void eventOverTheLambdaPayloadQuota_gets413() throws Exception {
        AtomicInteger invocations = new AtomicInteger();
        start(GatewaySettings.builder().maxLambdaPayloadBytes(64 * 1024), w -> (event, context) -> {
            invocations.incrementAndGet();
            return ok();
        });

        // 50,000 bytes travel as ~66,700 base64 characters: under the HTTP quota, over the Lambda one.
        HttpResponse<byte[]> response = send(request("/upload")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[50_000])).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(invocations).hasValue(0);
    }

    @Test
    void warmInstance_isReused_andEachInstanceServesOneInvocationAtATime() throws Exception {
        Set<Object> busy = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch fourInFlight = new CountDownLatch(4);
        AtomicInteger calls = new AtomicInteger();
        start(GatewaySettings.builder(), w -> new RequestHandler<>() {
            @Override
            public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event,
                                                          com.amazonaws.services.lambda.runtime.Context context) {
                if (!busy.add(this)) {
                    overlaps.incrementAndGet();
                }
                try {
                    if (calls.incrementAndGet() > 3) {
                        fourInFlight.countDown();
                        fourInFlight.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    busy.remove(this);
                }
                return ok();
            }
        });

        for (int i = 0; i < 3; i++) {
            assertThat(send(request("/seq").GET().build()).statusCode()).isEqualTo(200);
        }
        assertThat(gateway.meters().instancesCreated("forwarding")).isEqualTo(1);

        List<Future<HttpResponse<byte[]>>> parallel = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            parallel.add(http.sendAsync(request("/par").GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (Future<HttpResponse<byte[]>> response : parallel) {
            assertThat(response.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(gateway.meters().instancesCreated("forwarding")).isEqualTo(4);
        assertThat(overlaps).hasValue(0);
    }

    @Test
    void invocationBeyondTheAccountConcurrency_isThrottled_withoutWaiting() throws Exception {
        CountDownLatch fourBusy = new CountDownLatch(4);
        start(GatewaySettings.builder().maxConcurrentInvocations(4), w -> (event, context) -> {
            fourBusy.countDown();
            try {
                release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok();
        });
        List<Future<HttpResponse<byte[]>>> holding = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            holding.add(http.sendAsync(request("/hold").GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        assertThat(fourBusy.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        HttpResponse<byte[]> throttled = send(request("/one-more").GET().build());

        assertThat(throttled.statusCode()).isEqualTo(500);
        release.countDown();
        for (Future<HttpResponse<byte[]>> response : holding) {
            assertThat(response.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
        }
    }
}
