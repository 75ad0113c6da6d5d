package dev.httptunnel.admin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The local gateway's token endpoint, both sides of it: the admin command sends its {@code token} arguments,
 * the gateway runs them with {@link TokenCommands} on its own storage and returns what they printed. It
 * listens on the gateway's WebSocket port, on loopback, and wants the key the gateway writes at start.
 */
public final class GatewayAdminApi {

    /** Where the gateway serves it, beside the Management API's {@code /@connections}. */
    public static final String PATH = "/@admin/token";
    /** Largest request the endpoint reads: arguments, never bodies. */
    public static final int MAX_REQUEST_BYTES = 16 * 1024;

    private GatewayAdminApi() {
    }

    /** The {@code token} command line to run. */
    public record Request(List<String> args) {
        @JsonCreator
        public Request(@JsonProperty("args") List<String> args) {
            this.args = List.copyOf(Objects.requireNonNull(args, "args"));
        }
    }

    /** What the command printed and its exit status. */
    public record Reply(int status, String out, String err) {
        @JsonCreator
        public Reply(@JsonProperty("status") int status, @JsonProperty("out") String out,
                     @JsonProperty("err") String err) {
            this.status = status;
            this.out = out == null ? "" : out;
            this.err = err == null ? "" : err;
        }
    }
}
