package dev.httptunnel.lambda.config;

/** The function's environment is incomplete or wrong; the message names every problem found. */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
