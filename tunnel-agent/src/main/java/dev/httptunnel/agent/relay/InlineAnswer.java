package dev.httptunnel.agent.relay;

import dev.httptunnel.protocol.HeaderList;
import dev.httptunnel.protocol.MessageCodec;
import dev.httptunnel.protocol.MessageTooLargeException;
import dev.httptunnel.protocol.ProtocolLimits;
import dev.httptunnel.protocol.TunnelRequest;
import dev.httptunnel.protocol.TunnelResponse;
import java.util.Optional;

/** The local response as one {@code http_response} message, body included, when it fits one. */
final class InlineAnswer {

    /**
     * The largest body whose base64 form fits one message (98,304 bytes): a larger one is uploaded to the
     * URL the service offers, or refused when it offers none. A smaller one may still not fit with its
     * headers, which the exact encoding check catches.
     */
    static final int MAX_BODY_BYTES = ProtocolLimits.MAX_MESSAGE_BYTES / 4 * 3;

    private InlineAnswer() {
    }

    /** The response as one message, already encoded so it is not encoded twice; empty when it does not fit. */
    static Optional<RelayOutcome> of(TunnelRequest request, long requestBytes, int status, HeaderList headers,
                                     byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        TunnelResponse inline = TunnelResponse.of(request.requestId(), status, headers, body);
        try {
            return Optional.of(new RelayOutcome(inline, requestBytes, body.length, MessageCodec.encode(inline)));
        } catch (MessageTooLargeException tooLarge) {
            return Optional.empty();
        }
    }

    /** The size of the response as one message, for a response that does not fit one. */
    static int encodedSize(TunnelRequest request, int status, HeaderList headers, byte[] body) {
        try {
            return MessageCodec.encodeToBytes(TunnelResponse.of(request.requestId(), status, headers, body)).length;
        } catch (MessageTooLargeException tooLarge) {
            return tooLarge.size();
        }
    }
}
