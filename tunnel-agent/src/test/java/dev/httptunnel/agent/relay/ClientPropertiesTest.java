package dev.httptunnel.agent.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientPropertiesTest {

    private Properties saved;

    @BeforeEach
    void save() {
        saved = (Properties) System.getProperties().clone();
        System.clearProperty(ClientProperties.RESTRICTED_HEADERS);
        System.clearProperty(ClientProperties.KEEP_ALIVE_SECONDS);
    }

    @AfterEach
    void restore() {
        System.setProperties(saved);
    }

    @Test
    void unset_allowsHostAndKeepsIdleConnectionsShorterThanLocalServersDo() {
        ClientProperties.setBeforeFirstUse();

        assertThat(System.getProperty(ClientProperties.RESTRICTED_HEADERS)).isEqualTo("host");
        assertThat(Integer.parseInt(System.getProperty(ClientProperties.KEEP_ALIVE_SECONDS)))
                .as("below gunicorn's 2 s keep-alive, the shortest common default").isLessThan(2);
    }

    @Test
    void userSettings_areKept_andHostAddedOnce() {
        System.setProperty(ClientProperties.RESTRICTED_HEADERS, "connection");
        System.setProperty(ClientProperties.KEEP_ALIVE_SECONDS, "30");

        ClientProperties.setBeforeFirstUse();
        ClientProperties.setBeforeFirstUse();

        assertThat(System.getProperty(ClientProperties.RESTRICTED_HEADERS)).isEqualTo("connection,host");
        assertThat(System.getProperty(ClientProperties.KEEP_ALIVE_SECONDS)).isEqualTo("30");
    }
}
