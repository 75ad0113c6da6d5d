package dev.httptunnel.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a started process's output on a daemon thread for as long as the process writes, so it never
 * blocks on a full pipe, and waits for the line that says it is ready.
 */
public final class ProcessOutput {

    private ProcessOutput() {
    }

    /**
     * The first match of {@code ready} in the output of {@code process} (its group 1 when it has one),
     * handing every line to {@code lines} as well; fails when the process ends first or after {@code timeout}.
     */
    public static String awaitMatch(Process process, String name, Pattern ready, Consumer<String> lines,
                                    Duration timeout) throws Exception {
        CompletableFuture<String> match = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                    lines.accept(line);
                    Matcher matched = ready.matcher(line);
                    if (!match.isDone() && matched.find()) {
                        match.complete(matched.groupCount() > 0 ? matched.group(1) : matched.group());
                    }
                }
            } catch (IOException e) {
                match.completeExceptionally(e);
            }
            match.completeExceptionally(new IllegalStateException(name + " exited before it was ready"));
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
        return match.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
