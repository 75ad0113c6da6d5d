package dev.httptunnel.agent.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureStoreTest {

    @TempDir
    Path directory;

    private static Capture capture(String path) {
        return new Capture("0", "t", "2026-12-03T00:00:00Z", "GET", path, "", List.of(), CapturedBody.NONE, 200,
                List.of(), CapturedBody.NONE, null, null, new Timings(1, 2, 3), null);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> all = Files.list(directory)) {
            return all.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aBurstOverTheCountCap_keepsTheNewest_andWritesOnlyThem() throws Exception {
        CaptureStore store = CaptureStore.onDisk(3, 1 << 20, directory);
        List<Capture> burst = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            burst.add(capture("/" + i));
        }

        List<Capture> stored = store.addAll(burst);

        assertThat(stored).extracting(Capture::id).containsExactly("1", "2", "3", "4", "5");
        assertThat(store.newestFirst()).extracting(Capture::path).containsExactly("/5", "/4", "/3");
        assertThat(files()).containsExactly("3.json", "4.json", "5.json");
        store.addAll(List.of(capture("/6")));
        assertThat(files()).containsExactly("4.json", "5.json", "6.json");
    }

    @Test
    void anUnreadableFile_isSkipped_andTheRestLoaded() throws Exception {
        CaptureStore.onDisk(10, 1 << 20, directory).addAll(List.of(capture("/kept")));
        Files.writeString(directory.resolve("7.json"), "{ not json");
        Files.writeString(directory.resolve("8.json"), "{\"id\": \"9\"}");

        CaptureStore reloaded = CaptureStore.onDisk(10, 1 << 20, directory);

        assertThat(reloaded.newestFirst()).extracting(Capture::path).containsExactly("/kept");
        assertThat(reloaded.addAll(List.of(capture("/next"))).get(0).id()).isEqualTo("2");
    }

    @Test
    void theNewest_isKept_evenWhenItAloneIsOverTheByteCap() {
        CaptureStore store = CaptureStore.inMemory(10, 10);
        store.addAll(List.of(capture("/old"), capture("/new")));
        assertThat(store.newestFirst()).extracting(Capture::path).containsExactly("/new");
    }
}
