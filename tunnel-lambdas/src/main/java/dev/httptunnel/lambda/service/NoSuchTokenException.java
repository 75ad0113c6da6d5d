package dev.httptunnel.lambda.service;

import dev.httptunnel.protocol.WireText;

/** No token, or more than one, answers to what the owner typed. */
public final class NoSuchTokenException extends RuntimeException {

    public NoSuchTokenException(String reference, String why) {
        super(WireText.quote(reference) + " " + why);
    }
}
