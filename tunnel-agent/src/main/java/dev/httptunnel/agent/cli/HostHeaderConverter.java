package dev.httptunnel.agent.cli;

import dev.httptunnel.agent.relay.HostHeaderPolicy;
import picocli.CommandLine;

final class HostHeaderConverter implements CommandLine.ITypeConverter<HostHeaderPolicy> {

    @Override
    public HostHeaderPolicy convert(String text) {
        try {
            return HostHeaderPolicy.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
