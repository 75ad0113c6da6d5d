package dev.httptunnel.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The local gateway, whose token endpoint runs the operations on its own storage (in memory or DynamoDB). */
final class GatewayTarget implements AdminTarget {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI gateway;
    private final Path keyFile;

    GatewayTarget(URI gateway, Path keyFile) {
        this.gateway = gateway;
        this.keyFile = keyFile;
    }

    @Override
    public String describe() {
        return "the local gateway at " + gateway;
    }

    @Override
    public int run(List<String> tokenArgs, PrintWriter out, PrintWriter err) {
        String key;
        try {
            key = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            err.println("tunnel-admin: cannot read the local gateway's admin key " + keyFile + " (" + e.getMessage()
                    + "); is the gateway running? Give --gateway-key-file or --stack for a deployed stack.");
            return TokenCommands.REFUSED;
        }
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(
                    HttpRequest.newBuilder(gateway.resolve(GatewayAdminApi.PATH)).timeout(TIMEOUT)
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    JSON.writeValueAsString(new GatewayAdminApi.Request(tokenArgs))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                err.println("tunnel-admin: the gateway at " + gateway + " answered " + response.statusCode()
                        + (response.statusCode() == 401 ? ": the admin key in " + keyFile + " is not this gateway's"
                        : ""));
                return TokenCommands.REFUSED;
            }
            var reply = JSON.readValue(response.body(), GatewayAdminApi.Reply.class);
            out.print(reply.out());
            err.print(reply.err());
            out.flush();
            err.flush();
            return reply.status();
        } catch (IOException e) {
            err.println("tunnel-admin: cannot reach the local gateway at " + gateway + ": " + e.getMessage());
            return TokenCommands.REFUSED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TokenCommands.REFUSED;
        }
    }
}
