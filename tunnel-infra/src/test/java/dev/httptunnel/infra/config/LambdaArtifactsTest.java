package dev.httptunnel.infra.config;

import dev.httptunnel.lambda.config.TunnelFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaArtifactsTest {

    @TempDir
    Path repo;

    @Test
    void fromInsideTheRepository_findsTheJarsAtTheRoot_whereverTheProgramStarts() throws IOException {
        Files.createDirectories(repo.resolve("tunnel-lambdas"));
        Path infra = Files.createDirectories(repo.resolve("tunnel-infra"));
        Path expected = repo.resolve("tunnel-lambdas/target/lambda");
        assertThat(LambdaArtifacts.locate(Optional.empty(), Optional.empty(), infra)).isEqualTo(expected);
        assertThat(LambdaArtifacts.locate(Optional.empty(), Optional.empty(), repo)).isEqualTo(expected);
    }

    @Test
    void theOverrideWins_andIsMadeAbsolute() {
        assertThat(LambdaArtifacts.locate(Optional.of("jars"), Optional.of("/elsewhere"), repo))
                .isEqualTo(repo.resolve("jars"));
        assertThat(LambdaArtifacts.locate(Optional.empty(), Optional.of(repo.toString()), Path.of("/")))
                .isEqualTo(repo.resolve("tunnel-lambdas/target/lambda"));
    }

    @Test
    void missingJars_failWithTheCommandThatBuildsThem() throws IOException {
        Files.createFile(repo.resolve(TunnelFunction.CONNECT.jarFileName()));
        assertThatThrownBy(() -> LambdaArtifacts.requirePresent(repo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("make build-lambda")
                .hasMessageContaining("forwarding.jar")
                .hasMessageNotContaining("/connect.jar");
    }

    @Test
    void presentJars_pass() throws IOException {
        for (TunnelFunction function : TunnelFunction.values()) {
            Files.createFile(repo.resolve(function.jarFileName()));
        }
        LambdaArtifacts.requirePresent(repo);
    }
}
