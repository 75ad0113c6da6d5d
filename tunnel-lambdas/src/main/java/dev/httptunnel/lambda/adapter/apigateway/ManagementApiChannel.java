package dev.httptunnel.lambda.adapter.apigateway;

import dev.httptunnel.lambda.port.AgentChannel;
import dev.httptunnel.lambda.port.AgentGoneException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Posts messages to agents through API Gateway's Management API ({@code POST @connections/{id}}), and
 * closes their connections ({@code DELETE}). API Gateway splits what it sends into frames itself.
 */
public final class ManagementApiChannel implements AgentChannel {

    private final ApiGatewayManagementApiClient client;

    public ManagementApiChannel(ApiGatewayManagementApiClient client) {
        this.client = client;
    }

    @Override
    public void send(String connectionId, byte[] encodedMessage) {
        SdkBytes data = SdkBytes.fromByteArrayUnsafe(encodedMessage);
        try {
            client.postToConnection(r -> r.connectionId(connectionId).data(data));
        } catch (GoneException e) {
            throw new AgentGoneException(connectionId, e);
        }
    }

    @Override
    public void disconnect(String connectionId) {
        try {
            client.deleteConnection(r -> r.connectionId(connectionId));
        } catch (GoneException e) {
            throw new AgentGoneException(connectionId, e);
        }
    }
}
