package dev.httptunnel.lambda.port;

import dev.httptunnel.protocol.WireText;

/** Another token holds the tunnel name: a name is served by one token only, ever. */
public final class NameTakenException extends RuntimeException {

    private final String name;

    public NameTakenException(String name) {
        super("the tunnel name " + WireText.quote(name) + " belongs to another token");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
