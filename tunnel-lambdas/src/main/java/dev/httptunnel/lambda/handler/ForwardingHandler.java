package dev.httptunnel.lambda.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.httptunnel.lambda.adapter.aws.AwsWiring;
import dev.httptunnel.lambda.config.TunnelFunction;
import dev.httptunnel.lambda.config.TunnelSettings;
import dev.httptunnel.lambda.service.ErrorPage;
import dev.httptunnel.lambda.service.Failure;
import dev.httptunnel.lambda.service.ForwardingService;
import dev.httptunnel.lambda.service.OfflineHold;
import dev.httptunnel.protocol.HeaderList;
import java.time.Clock;

/** HTTP API {@code $default} route: every public request of every tunnel. */
public final class ForwardingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final System.Logger LOG = System.getLogger(ForwardingHandler.class.getName());

    private final ForwardingService service;

    /** The Lambda runtime's constructor: configuration from the environment, DynamoDB and the Management API. */
    public ForwardingHandler() {
        this(service(new AwsWiring(
                TunnelSettings.fromEnvironment(TunnelFunction.FORWARDING, System.getenv()), Clock.systemUTC())));
        SnapStartPriming.register(() -> handleRequest(PrimingEvents.httpRequestForAbsentTunnel(), null));
    }

    public ForwardingHandler(ForwardingService service) {
        this.service = service;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return HttpEvents.toEventResponse(service.forward(HttpEvents.toPublicRequest(event)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "forwarding failed", e);
            return HttpEvents.toEventResponse(ErrorPage.render(Failure.SERVICE_ERROR,
                    Failure.SERVICE_ERROR.detail(e.getClass().getSimpleName()), HeaderList.EMPTY));
        }
    }

    private static ForwardingService service(AwsWiring aws) {
        TunnelSettings settings = aws.settings();
        return new ForwardingService(settings.domainName(), settings.responseDeadline(), aws.connectionStore(),
                aws.pendingRequestStore(), aws.agentChannel(), aws.bodyStore(),
                new OfflineHold(aws.tokenStore()::holderOf, settings.offlineHold()), aws.clock());
    }
}
