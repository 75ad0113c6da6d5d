package dev.httptunnel.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InspectOptionsTest {

    private final InspectAddress.Converter address = new InspectAddress.Converter();
    private final SizeConverter size = new SizeConverter();

    @Test
    void addresses_takeHostAndPort_anIpv6Literal_orABarePortOnLoopback() {
        assertThat(address.convert("127.0.0.1:4041")).isEqualTo(new InspectAddress("127.0.0.1", 4041));
        assertThat(address.convert("4042")).isEqualTo(new InspectAddress("127.0.0.1", 4042));
        assertThat(address.convert("[::1]:4040")).isEqualTo(new InspectAddress("::1", 4040));
        assertThat(address.convert("localhost:0")).isEqualTo(new InspectAddress("localhost", 0));
        for (String wrong : new String[] {"", "host:", ":4040", "127.0.0.1:70000", "port"}) {
            assertThatThrownBy(() -> address.convert(wrong)).as(wrong)
                    .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("examples");
        }
    }

    @Test
    void sizes_takeBytes_orKbMbGb_inPowersOf1024() {
        assertThat(size.convert("65536")).isEqualTo(65536L);
        assertThat(size.convert("64KB")).isEqualTo(65536L);
        assertThat(size.convert("1mb")).isEqualTo(1L << 20);
        assertThat(size.convert("2 GB")).isEqualTo(2L << 30);
        assertThatThrownBy(() -> size.convert("1.5MB")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> size.convert("99999999999999999GB")).hasMessageContaining("too large");
    }
}
