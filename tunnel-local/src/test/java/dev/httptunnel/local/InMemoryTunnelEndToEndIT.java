package dev.httptunnel.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httptunnel.local.storage.GatewayStorage;
import dev.httptunnel.local.support.LocalApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The end-to-end suite with the gateway's default, in-memory storage, plus the starvation check. */
class InMemoryTunnelEndToEndIT extends TunnelEndToEndSuite {

    private static final int MB = 1024 * 1024;
    /** A small request must not take longer than this while large transfers run (it takes ~10 ms idle). */
    private static final long SMALL_REQUEST_BOUND_MILLIS = 3_000;

    @Override
    protected GatewayStorage newStorage() {
        return GatewayStorage.inMemory(Clock.systemUTC());
    }

    /**
     * 8 uploads and 8 downloads of 1 MB at once, through the body bucket; small GETs issued meanwhile
     * are still answered quickly, and every transfer arrives intact.
     */
    @Test
    void concurrentLargeTransfers_doNotStarveSmallRequests() throws Exception {
        long[] idle = new long[5];
        for (int i = 0; i < idle.length; i++) {
            idle[i] = smallRequestMillis(i);
        }

        byte[] upload = random(MB, 99);
        String uploadDigest = LocalApp.sha256(upload) + " " + MB;
        String downloadDigest = LocalApp.sha256(LocalApp.randomBytes(MB));
        List<CompletableFuture<HttpResponse<byte[]>>> uploads = new ArrayList<>();
        List<CompletableFuture<HttpResponse<byte[]>>> downloads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            uploads.add(http.sendAsync(request("/sha256").POST(HttpRequest.BodyPublishers.ofByteArray(upload))
                    .build(), HttpResponse.BodyHandlers.ofByteArray()));
            downloads.add(http.sendAsync(request("/bytes/" + MB).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        CompletableFuture<Void> transfers = CompletableFuture.allOf(
                java.util.stream.Stream.concat(uploads.stream(), downloads.stream())
                        .toArray(CompletableFuture[]::new));
        List<Long> during = new ArrayList<>();
        for (int i = 0; i < 20 && !transfers.isDone(); i++) {
            during.add(smallRequestMillis(100 + i));
        }
        transfers.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        for (int i = 0; i < 8; i++) {
            HttpResponse<byte[]> up = uploads.get(i).get();
            assertThat(up.statusCode()).as("upload %d", i).isEqualTo(200);
            assertThat(new String(up.body(), StandardCharsets.US_ASCII)).as("upload %d", i).isEqualTo(uploadDigest);
            HttpResponse<byte[]> down = downloads.get(i).get();
            assertThat(down.statusCode()).as("download %d", i).isEqualTo(200);
            assertThat(LocalApp.sha256(down.body())).as("download %d", i).isEqualTo(downloadDigest);
        }

        long idleMedian = median(idle);
        long[] busy = during.stream().mapToLong(Long::longValue).toArray();
        System.out.printf(Locale.ROOT, "starvation: small GET idle median %d ms (%s); during 8 x 1 MB up + "
                        + "8 x 1 MB down: %d requests, median %d ms, max %d ms (%s)%n", idleMedian,
                Arrays.toString(idle), busy.length, median(busy), Arrays.stream(busy).max().orElse(0),
                Arrays.toString(busy));
        assertThat(busy).as("small requests issued while the transfers ran").isNotEmpty();
        assertThat(Arrays.stream(busy).max().orElse(0)).as("slowest small request, ms")
                .isLessThan(SMALL_REQUEST_BOUND_MILLIS);
        assertThat(gateway.bodies().size()).as("objects left in the body bucket").isZero();
    }

    private long smallRequestMillis(int i) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = send(request("/echo/small/" + i).GET().build());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(200);
        return millis;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
