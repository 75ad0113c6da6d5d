package dev.httptunnel.infra;

import com.pulumi.Pulumi;
import dev.httptunnel.infra.config.LambdaArtifacts;
import dev.httptunnel.infra.config.StackSettings;

import java.nio.file.Path;

/** The program {@code pulumi up} runs (through {@code mvn compile exec:java} in tunnel-infra/). */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            Path jars = LambdaArtifacts.locate();
            LambdaArtifacts.requirePresent(jars);
            var settings = StackSettings.from((namespace, key) -> ctx.config(namespace).get(key), jars);
            TunnelStack.stack(ctx, settings);
        });
    }
}
