package dev.httptunnel.bench.hotpath;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.httptunnel.bench.CostModel.Architecture;
import dev.httptunnel.bench.CostModel;
import dev.httptunnel.bench.Percentiles;
import dev.httptunnel.identity.AgentToken;
import dev.httptunnel.lambda.adapter.aws.AwsClients;
import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbConnectionStore;
import dev.httptunnel.lambda.adapter.dynamodb.DynamoDbPendingRequestStore;
import dev.httptunnel.lambda.adapter.dynamodb.TableCreator;
import dev.httptunnel.lambda.adapter.memory.InMemoryTokenStore;
import dev.httptunnel.lambda.handler.ConnectHandler;
import dev.httptunnel.lambda.handler.ForwardingHandler;
import dev.httptunnel.lambda.handler.ResponseHandler;
import dev.httptunnel.lambda.port.AgentChannel;
import dev.httptunnel.lambda.port.AgentGoneException;
import dev.httptunnel.lambda.port.PendingRequest;
import dev.httptunnel.lambda.port.PendingRequestStore;
import dev.httptunnel.lambda.service.AgentAdmission;
import dev.httptunnel.lambda.service.AgentMessageService;
import dev.httptunnel.lambda.service.ForwardingService;
import dev.httptunnel.lambda.service.TokenAdmin;
import dev.httptunnel.lambda.service.TunnelRegistry;
import dev.httptunnel.lambda.support.Dynalite;
import dev.httptunnel.lambda.support.EventFixtures;
import dev.httptunnel.protocol.ConnectionEstablished;
import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.Message;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The hot path, measured: the four handlers with the real DynamoDB adapters on dynalite, an agent that
 * answers after a set round trip (through the response handler, as API Gateway would deliver it), and a
 * meter on every DynamoDB call. Prints calls and capacity units per request, the notice delay (answer
 * written → forwarding handler sees it) and the modelled AWS cost per million requests.
 *
 * <p>Run: {@code make bench-hotpath} (or {@code java -cp tunnel-bench/target/tunnel-bench.jar
 * dev.httptunnel.bench.hotpath.HotPathBenchmark} from the repository, after {@code make test-deps}).
 */
public final class HotPathBenchmark {

    private static final int WARMUP = 200;
    private static final int LOOPBACK_REQUESTS = 3000;
    private static final int MODELLED_REQUESTS = 600;
    private static final Duration MODELLED_ROUND_TRIP = Duration.ofMillis(100);
    private static final int CONCURRENCY = 8;
    /** The request to the agent and its answer. */
    private static final int MESSAGES_PER_REQUEST = 2;
    /** The forwarding function's and the response function's. */
    private static final int INVOCATIONS_PER_REQUEST = 2;

    /**
     * What a deployed forwarding handler spends besides waiting: a model input, since loopback cannot measure
     * in-region calls; its breakdown is in docs/benchmarks.md and the benchmark prints it with the result.
     */
    private static final Duration FORWARDING_OVERHEAD = Duration.ofMillis(22);
    /** The response handler's billed time (one conditional UpdateItem and decoding): a model input, as above. */
    private static final Duration RESPONSE_DURATION = Duration.ofMillis(7);

    public static void main(String[] args) throws Exception {
        Dynalite dynalite = Dynalite.shared();
        DynamoDbMeter meter = new DynamoDbMeter();
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(dynalite.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("b", "b")))
                .httpClient(AwsClients.httpClientBuilder().build())
                .overrideConfiguration(c -> c.addExecutionInterceptor(meter))
                .build();
        new TableCreator(client).createIfMissing("http-tunnel-connections-bench", "http-tunnel-pending-requests-bench");
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        Clock clock = Clock.systemUTC();

        DynamoDbConnectionStore connections = new DynamoDbConnectionStore(enhanced, "http-tunnel-connections-bench", clock);
        NoticeClock notices = new NoticeClock(
                new DynamoDbPendingRequestStore(enhanced, "http-tunnel-pending-requests-bench", clock));
        SimulatedAgent agent = new SimulatedAgent();
        ResponseHandler response = new ResponseHandler(new AgentMessageService(connections, notices, agent,
                id -> List.of("http://" + id + ".localhost"), clock));
        agent.deliverTo(response);
        ForwardingHandler forwarding = new ForwardingHandler(new ForwardingService("localhost", Duration.ofSeconds(28),
                connections, notices, agent, clock));

        // Tokens live in memory here: the benchmark measures forwarding, not $connect.
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        AgentToken token = new TokenAdmin(tokens, connections, agent, clock).create(Optional.empty(), List.of()).token();
        new ConnectHandler(new AgentAdmission(tokens, new TunnelRegistry(connections, clock), clock))
                .handleRequest(EventFixtures.webSocketConnect("bench-conn=", token, null), null);
        response.handleRequest(EventFixtures.webSocketMessage("bench-conn=", "{\"type\":\"ready\"}"), null);
        String tunnelId = agent.tunnelId();

        System.out.println("# Hot path on dynalite (loopback), one warm forwarding handler");
        run(forwarding, tunnelId, agent, Duration.ZERO, WARMUP, CONCURRENCY);
        Result loopback = measure(forwarding, tunnelId, agent, meter, notices, Duration.ZERO, LOOPBACK_REQUESTS, 1);
        print("agent answers at once, 1 caller", loopback);
        Result loaded = measure(forwarding, tunnelId, agent, meter, notices, Duration.ZERO, LOOPBACK_REQUESTS,
                CONCURRENCY);
        print("agent answers at once, " + CONCURRENCY + " concurrent callers (dynalite saturated)", loaded);
        Result modelled = measure(forwarding, tunnelId, agent, meter, notices, MODELLED_ROUND_TRIP, MODELLED_REQUESTS,
                CONCURRENCY);
        print("agent round trip 100 ms, " + CONCURRENCY + " concurrent callers", modelled);
        printCost(modelled);
        agent.close();
        System.exit(0);
    }

    record Result(int requests, Map<String, Long> calls, double readUnits, double writeUnits, List<Long> noticeNanos,
                  double wallSeconds) {
        double perRequest(long count) {
            return (double) count / requests;
        }
    }

    private static Result measure(ForwardingHandler forwarding, String tunnelId, SimulatedAgent agent,
                                  DynamoDbMeter meter, NoticeClock notices, Duration roundTrip, int requests,
                                  int concurrency) throws Exception {
        meter.reset();
        notices.reset();
        long start = System.nanoTime();
        run(forwarding, tunnelId, agent, roundTrip, requests, concurrency);
        double wall = (System.nanoTime() - start) / 1e9;
        return new Result(requests, meter.calls(), meter.readUnits(), meter.writeUnits(), notices.delays(), wall);
    }

    private static void run(ForwardingHandler forwarding, String tunnelId, SimulatedAgent agent, Duration roundTrip,
                            int requests, int concurrency) throws Exception {
        agent.roundTrip(roundTrip);
        ExecutorService callers = Executors.newFixedThreadPool(concurrency);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            APIGatewayV2HTTPEvent event = EventFixtures.httpRequest();
            event.getHeaders().put("host", tunnelId + ".localhost");
            event.setRawPath("/item/" + i);
            statuses.add(callers.submit(() -> forwarding.handleRequest(event, null).getStatusCode()));
        }
        for (Future<Integer> status : statuses) {
            int code = status.get(60, TimeUnit.SECONDS);
            if (code != 200) {
                throw new IllegalStateException("a benchmark request failed with " + code);
            }
        }
        callers.shutdown();
    }

    private static void print(String label, Result r) {
        Percentiles notices = Percentiles.of(r.noticeNanos());
        System.out.printf(Locale.ROOT, "%n## %s: %d requests in %.1f s (%.0f requests/s)%n", label, r.requests(),
                r.wallSeconds(), r.requests() / r.wallSeconds());
        r.calls().forEach((op, count) -> System.out.printf(Locale.ROOT, "- %s per request: %.3f%n", op,
                r.perRequest(count)));
        System.out.printf(Locale.ROOT, "- read units per request: %.3f, write units per request: %.3f%n",
                r.readUnits() / r.requests(), r.writeUnits() / r.requests());
        System.out.printf(Locale.ROOT, "- notice delay (answer written -> forwarding sees it): p50 %.1f ms, "
                + "p99 %.1f ms (%d samples)%n", notices.median() / 1e6, notices.at(0.99) / 1e6, notices.count());
    }

    private static void printCost(Result r) {
        double meanNotice = r.noticeNanos().stream().mapToLong(Long::longValue).average().orElse(0) / 1e9;
        double forwardingSeconds = MODELLED_ROUND_TRIP.toNanos() / 1e9 + meanNotice + FORWARDING_OVERHEAD.toNanos() / 1e9;
        double responseSeconds = RESPONSE_DURATION.toNanos() / 1e9;
        double readUnits = r.readUnits() / r.requests();
        double writeUnits = r.writeUnits() / r.requests();
        System.out.printf(Locale.ROOT, "%n## Modelled AWS cost per million requests (%s list prices of %s)%n",
                CostModel.REGION, CostModel.PRICES_AS_OF);
        System.out.printf(Locale.ROOT, "Inputs: 1 HTTP API request ($%.2f/M); %d WebSocket messages ($%.2f/M each);"
                        + " %d Lambda invocations ($%.2f/M each); forwarding billed %.1f ms (round trip %d ms + "
                        + "measured mean notice delay %.1f ms + assumed %d ms of calls); response billed %d ms; "
                        + "%.3f read units ($%.3f/M), %.3f write units ($%.3f/M) measured per request; "
                        + "GB-s $%.10f arm64, $%.10f x86_64.%n",
                CostModel.HTTP_API_REQUEST * 1e6, MESSAGES_PER_REQUEST, CostModel.WEBSOCKET_MESSAGE * 1e6,
                INVOCATIONS_PER_REQUEST, CostModel.LAMBDA_INVOCATION * 1e6, forwardingSeconds * 1000,
                MODELLED_ROUND_TRIP.toMillis(), meanNotice * 1000, FORWARDING_OVERHEAD.toMillis(),
                RESPONSE_DURATION.toMillis(), readUnits, CostModel.DYNAMODB_READ_UNIT * 1e6,
                writeUnits, CostModel.DYNAMODB_WRITE_UNIT * 1e6, CostModel.LAMBDA_GB_SECOND_ARM64,
                CostModel.LAMBDA_GB_SECOND_X86_64);
        System.out.println("| architecture, memory (fwd/resp) | HTTP API | WS msgs | Lambda req | Lambda GB-s | DDB writes"
                + " | DDB reads | total $/M |\n|---|---|---|---|---|---|---|---|");
        for (int[] memory : new int[][] {{256, 256}, {512, 512}}) {
            for (Architecture architecture : Architecture.values()) {
                CostModel.Usage usage = CostModel.usage()
                        .httpApiUnits(1)
                        .webSocketUnits(MESSAGES_PER_REQUEST)
                        .lambda(INVOCATIONS_PER_REQUEST, CostModel.gbSeconds(forwardingSeconds, memory[0])
                                + CostModel.gbSeconds(responseSeconds, memory[1]))
                        .dynamoDb(writeUnits, readUnits);
                String label = architecture.name().toLowerCase(Locale.ROOT) + ", " + memory[0] + "/" + memory[1] + " MB";
                System.out.println(row(label, CostModel.cost(usage, architecture).perMillion()));
            }
        }
    }

    private static String row(String label, CostModel.Cost c) {
        return String.format(Locale.ROOT, "| %-26s | %5.2f | %5.2f | %5.2f | %6.3f | %6.3f | %6.3f | **%.2f** |",
                label, c.httpApi(), c.webSocket(), c.lambdaRequests(), c.lambdaDuration(), c.dynamoDbWrites(),
                c.dynamoDbReads(), c.total());
    }

    /**
     * Notes when each answer was written and when the forwarding handler first read it back. A read that
     * returns the answer before the writer has even heard back counts as a delay of zero.
     */
    static final class NoticeClock implements PendingRequestStore {
        private final PendingRequestStore delegate;
        private final Map<String, Long> written = new ConcurrentHashMap<>();
        private final Set<String> seenBeforeWriteReturned = ConcurrentHashMap.newKeySet();
        private final List<Long> delays = Collections.synchronizedList(new ArrayList<>());

        NoticeClock(PendingRequestStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void create(PendingRequest request) {
            delegate.create(request);
        }

        @Override
        public boolean passOn(String requestId, String tunnelId, String answerJson, Instant now) {
            return delegate.passOn(requestId, tunnelId, answerJson, now);
        }

        @Override
        public boolean answer(String requestId, String connectionId, String answerJson, Instant now) {
            boolean accepted = delegate.answer(requestId, connectionId, answerJson, now);
            if (accepted) {
                written.put(requestId, System.nanoTime());
                if (seenBeforeWriteReturned.remove(requestId)) {
                    written.remove(requestId);
                    delays.add(0L);
                }
            }
            return accepted;
        }

        @Override
        public Optional<PendingRequest> find(String requestId) {
            Optional<PendingRequest> found = delegate.find(requestId);
            if (found.flatMap(PendingRequest::answer).isPresent()) {
                long readReturned = System.nanoTime();
                Long writtenAt = written.remove(requestId);
                if (writtenAt != null) {
                    delays.add(Math.max(0, readReturned - writtenAt));
                } else {
                    seenBeforeWriteReturned.add(requestId);
                }
            }
            return found;
        }

        @Override
        public void awaitAnswer(String requestId, long nanoTime) {
            delegate.awaitAnswer(requestId, nanoTime);
        }

        @Override
        public void forget(String requestId) {
            delegate.forget(requestId);
        }

        @Override
        public boolean signalsAnswers() {
            return delegate.signalsAnswers();
        }

        void reset() {
            written.clear();
            seenBeforeWriteReturned.clear();
            delays.clear();
        }

        List<Long> delays() {
            return List.copyOf(delays);
        }
    }

    /** An agent whose local app answers every request after a set round trip. */
    static final class SimulatedAgent implements AgentChannel {
        private final ScheduledExecutorService app = Executors.newScheduledThreadPool(CONCURRENCY);
        private final AtomicReference<String> tunnelId = new AtomicReference<>();
        private final Set<String> closed = ConcurrentHashMap.newKeySet();
        private volatile ResponseHandler response;
        private volatile Duration roundTrip = Duration.ZERO;

        void deliverTo(ResponseHandler response) {
            this.response = response;
        }

        void roundTrip(Duration roundTrip) {
            this.roundTrip = roundTrip;
        }

        String tunnelId() {
            return tunnelId.get();
        }

        /** As the Management API does: a closed connection answers 410 from then on. */
        @Override
        public void disconnect(String connectionId) {
            if (!closed.add(connectionId)) {
                throw new AgentGoneException(connectionId, null);
            }
        }

        @Override
        public void send(String connectionId, byte[] encodedMessage) {
            if (closed.contains(connectionId)) {
                throw new AgentGoneException(connectionId, null);
            }
            Message message = MessageCodec.decode(encodedMessage);
            if (message instanceof ConnectionEstablished established) {
                tunnelId.set(established.tunnelId());
            } else if (message instanceof TunnelRequest request) {
                String answer = MessageCodec.encode(TunnelResponse.of(request.requestId(), 200,
                        HeaderList.of("Content-Type", "application/json"),
                        ("{\"ok\":true,\"path\":\"" + request.path() + "\"}").getBytes(StandardCharsets.UTF_8)));
                app.schedule(() -> response.handleRequest(EventFixtures.webSocketMessage(connectionId, answer), null),
                        roundTrip.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        void close() {
            app.shutdownNow();
        }
    }
}
