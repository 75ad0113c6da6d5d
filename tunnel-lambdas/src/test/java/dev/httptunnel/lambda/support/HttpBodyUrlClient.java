package dev.httptunnel.lambda.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Follows presigned URLs over HTTP, as the agent does. */
public final class HttpBodyUrlClient implements BodyUrlClient {

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public byte[] download(String url) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(url)).build());
        return response.body();
    }

    @Override
    public void upload(String url, byte[] body) {
        send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
