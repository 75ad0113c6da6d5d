package dev.httptunnel.lambda.support;

/** How a test agent reaches the body store's URLs: over HTTP for S3, directly for the in-memory double. */
public interface BodyUrlClient {

    byte[] download(String url);

    void upload(String url, byte[] body);
}
