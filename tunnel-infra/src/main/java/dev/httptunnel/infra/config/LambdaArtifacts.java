package dev.httptunnel.infra.config;

import dev.httptunnel.lambda.config.TunnelFunction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the shaded handler jars ({@code tunnel-lambdas/target/lambda/*.jar}). Pulumi starts the program
 * in {@code tunnel-infra/}, Maven may be started from the repository root, CI from anywhere: so the
 * directory is never taken relative to an assumed working directory.
 */
public final class LambdaArtifacts {

    /** Environment variable that overrides the jar directory. */
    public static final String DIRECTORY_VARIABLE = "HTTP_TUNNEL_LAMBDA_DIR";

    /** System property set by tunnel-infra's pom to the repository root. */
    public static final String REPO_ROOT_PROPERTY = "httptunnel.repoRoot";

    private static final Path RELATIVE_TO_ROOT = Path.of("tunnel-lambdas", "target", "lambda");

    private LambdaArtifacts() {
    }

    /**
     * In order: the {@value #DIRECTORY_VARIABLE} variable; the repository root given by the pom; the
     * first ancestor of the working directory that contains {@code tunnel-lambdas}; else
     * {@code ../tunnel-lambdas/target/lambda}. Always absolute, because Pulumi resolves asset paths
     * against its own working directory.
     */
    public static Path locate(Optional<String> override, Optional<String> repoRoot, Path workingDirectory) {
        if (override.filter(v -> !v.isBlank()).isPresent()) {
            return workingDirectory.resolve(override.get()).toAbsolutePath().normalize();
        }
        if (repoRoot.filter(v -> !v.isBlank()).isPresent()) {
            return Path.of(repoRoot.get()).resolve(RELATIVE_TO_ROOT).toAbsolutePath().normalize();
        }
        for (Path dir = workingDirectory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("tunnel-lambdas"))) {
                return dir.resolve(RELATIVE_TO_ROOT).normalize();
            }
        }
        return workingDirectory.resolve("..").resolve(RELATIVE_TO_ROOT).toAbsolutePath().normalize();
    }

    /** The directory for this process: environment, system property, working directory. */
    public static Path locate() {
        return locate(Optional.ofNullable(System.getenv(DIRECTORY_VARIABLE)),
                Optional.ofNullable(System.getProperty(REPO_ROOT_PROPERTY)), Path.of(""));
    }

    /** The jar of one function inside {@code directory}. */
    public static Path jar(Path directory, TunnelFunction function) {
        return directory.resolve(function.jarFileName());
    }

    /**
     * Fails with the command that fixes it when a jar is missing: Pulumi would otherwise report an
     * unreadable archive halfway through an update.
     */
    public static void requirePresent(Path directory) {
        List<Path> missing = Arrays.stream(TunnelFunction.values())
                .map(function -> jar(directory, function))
                .filter(jar -> !Files.isRegularFile(jar))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Lambda jars not found: " + missing
                    + ". Build them with 'make build-lambda' from the repository root, or point "
                    + DIRECTORY_VARIABLE + " at the directory that holds them.");
        }
    }
}
