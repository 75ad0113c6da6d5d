package dev.httptunnel.agent.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.httptunnel.agent.relay.LocalRelay;
import dev.httptunnel.agent.relay.RelayTap;
import dev.httptunnel.protocol.ConnectionEstablished;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The request inspector: every request the agent relays is captured (see {@link #taps()}), kept within
 * the caps, on disk when the settings name a directory, and shown by a web page and a JSON API on
 * loopback, from which a capture can be replayed on the local service and exported.
 */
public final class Inspector implements AutoCloseable {

    private final CaptureWriter writer;
    private final CaptureTaps taps;
    private final InspectorServer server;
    private final URI url;

    private Inspector(CaptureWriter writer, CaptureTaps taps, InspectorServer server, String host) {
        this.writer = writer;
        this.taps = taps;
        this.server = server;
        String shown = host.contains(":") ? "[" + host + "]" : host;
        this.url = URI.create("http://" + shown + ":" + server.port() + "/");
    }

    /**
     * Starts capturing and serving.
     *
     * @param relay the agent's relay, through which replays reach the local service
     * @param tunnel the tunnel of the current connection, if one is up
     * @param localAddress the local service's {@code host:port}, as {@code /api/tunnels} shows it
     * @throws IOException when the address cannot be had (a taken port, past the next ones if tried)
     */
    public static Inspector start(InspectorSettings settings, LocalRelay relay,
                                  Supplier<Optional<ConnectionEstablished>> tunnel, String localAddress,
                                  Duration localTimeout, String version) throws IOException {
        // Bound first: the port it gets says which folder is its own.
        HttpServer bound = InspectorServer.bind(settings.host(), settings.port(), settings.nextPortIfTaken());
        CaptureStore store;
        try {
            Path directory = settings.directoryFor(bound.getAddress().getPort());
            store = directory == null ? CaptureStore.inMemory(settings.maxRequests(), settings.maxBytes())
                    : CaptureStore.onDisk(settings.maxRequests(), settings.maxBytes(), directory);
            if (settings.clearAtStart()) {
                store.clear();
            }
        } catch (RuntimeException e) {
            bound.stop(0);
            throw e;
        }
        ObjectMapper json = new ObjectMapper();
        CaptureJson views = new CaptureJson(json);
        EventFeed feed = new EventFeed();
        CaptureWriter writer = new CaptureWriter(store, capture -> feed.publish("capture",
                () -> views.summary(capture).toString()));
        CaptureTaps taps = new CaptureTaps(writer, settings.bodyCap(),
                () -> tunnel.get().map(ConnectionEstablished::tunnelId).orElse(""));
        // A replay has no upload URL, so nothing of it blocks: its rare whole-body path may run where it is.
        Replayer replayer = new Replayer(relay, Runnable::run, taps);
        InspectorApi api = new InspectorApi(store, json, new HarExport(json, version), replayer, tunnel, localAddress,
                localTimeout.plusSeconds(5).toMillis(), () -> feed.publish("clear", () -> "{}"));
        api.droppedFrom(writer::dropped);
        try {
            InspectorServer server = InspectorServer.start(bound, settings.host(), api, feed, json);
            return new Inspector(writer, taps, server, settings.host());
        } catch (RuntimeException e) {
            bound.stop(0);
            writer.close();
            throw e;
        }
    }

    /** What the dispatcher opens a tap from for each request. */
    public RelayTap.Factory taps() {
        return taps;
    }

    /** The page's address. */
    public URI url() {
        return url;
    }

    @Override
    public void close() {
        server.close();
        writer.close();
    }
}
