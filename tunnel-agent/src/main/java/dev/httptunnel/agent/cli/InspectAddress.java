package dev.httptunnel.agent.cli;

import picocli.CommandLine;

/**
 * Where the inspector listens, as {@code --inspect} takes it: {@code HOST:PORT}, {@code [IPv6]:PORT} or a
 * bare {@code PORT} (on loopback).
 *
 * @param host the address to listen on
 * @param port the port; 0 for any free one
 */
record InspectAddress(String host, int port) {

    static final class Converter implements CommandLine.ITypeConverter<InspectAddress> {
        @Override
        public InspectAddress convert(String text) {
            String value = text.trim();
            int colon = value.lastIndexOf(':');
            String host = colon < 0 ? "127.0.0.1" : value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            String port = colon < 0 ? value : value.substring(colon + 1);
            try {
                int number = Integer.parseInt(port);
                if (host.isEmpty() || number < 0 || number > 65535) {
                    throw new NumberFormatException();
                }
                return new InspectAddress(host, number);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + text
                        + "' is not an address to listen on (examples: 127.0.0.1:4040, 4041, [::1]:4040)");
            }
        }
    }
}
