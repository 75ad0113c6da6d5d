package dev.httptunnel.lambda.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a tunnel's address is formed, said in the terms of the request that named none: its scheme, its host
 * and port, its stage. Locally that is {@code http://<tunnel>.localhost:8080/} and
 * {@code http://localhost:8080/<tunnel>/}; on AWS the custom domain's subdomain form, or the HTTP API's path
 * form, whichever host the request reached.
 */
final class TunnelAddresses {

    static final String PLACEHOLDER = "<tunnel>";

    private static final Pattern PLAIN_HOST = Pattern.compile("[a-z0-9.\\[\\]-]{1,253}(:[0-9]{1,5})?");

    private final String domainName;

    TunnelAddresses(String domainName) {
        this.domainName = domainName.toLowerCase(Locale.ROOT);
    }

    /** {@code http://<tunnel>.localhost:8080/ or http://localhost:8080/<tunnel>/} for a request to localhost. */
    String describe(PublicRequest request) {
        return String.join(" or ", forms(request));
    }

    List<String> forms(PublicRequest request) {
        String scheme = request.headers().first("x-forwarded-proto").filter(TunnelAddresses::isScheme)
                .orElse("https");
        String host = request.host().trim().toLowerCase(Locale.ROOT);
        if (!PLAIN_HOST.matcher(host).matches()) {
            // Echoed to the caller: a Host header that is no host name is not repeated.
            host = "<host>";
        }
        String hostname = TunnelRouter.hostname(host);
        int colon = host.lastIndexOf(':');
        String port = colon > host.lastIndexOf(']') ? host.substring(colon) : "";
        boolean underDomain = hostname.endsWith("." + domainName);
        List<String> forms = new ArrayList<>(2);
        if (underDomain || hostname.equals(domainName)) {
            forms.add(scheme + "://" + PLACEHOLDER + "." + domainName + port + "/");
        }
        if (!underDomain) {
            forms.add(scheme + "://" + host + stagePrefix(request) + "/" + PLACEHOLDER + "/");
        }
        return forms;
    }

    private static String stagePrefix(PublicRequest request) {
        String stage = request.stage();
        if (stage == null || stage.isEmpty() || stage.equals("$default")) {
            return "";
        }
        String prefix = "/" + stage;
        return request.rawPath().equals(prefix) || request.rawPath().startsWith(prefix + "/") ? prefix : "";
    }

    private static boolean isScheme(String value) {
        return value.equals("http") || value.equals("https");
    }
}
