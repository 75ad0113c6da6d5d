package dev.httptunnel.agent.inspect;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The captures kept, oldest first, within a count and a byte cap: adding one past either drops the oldest.
 * With a directory, each capture is also a file there (owner-only), so the captures outlive the agent; a
 * file that cannot be read back is skipped, never fatal. Ids keep increasing across restarts.
 */
public final class CaptureStore {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureStore.class);
    private static final String SUFFIX = ".json";

    private final int maxCount;
    private final long maxBytes;
    private final Path directory; // null: in memory only
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final LinkedHashMap<String, Capture> captures = new LinkedHashMap<>(); // guarded by this
    private long heldBytes; // guarded by this
    private long nextId = 1; // guarded by this

    private CaptureStore(int maxCount, long maxBytes, Path directory) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("the inspector must keep at least 1 request: " + maxCount);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the inspector's byte cap must be positive: " + maxBytes);
        }
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
        this.directory = directory;
    }

    public static CaptureStore inMemory(int maxCount, long maxBytes) {
        return new CaptureStore(maxCount, maxBytes, null);
    }

    /** A store kept in {@code directory} (created owner-only), with the captures already there. */
    public static CaptureStore onDisk(int maxCount, long maxBytes, Path directory) {
        CaptureStore store = new CaptureStore(maxCount, maxBytes, directory);
        store.load();
        return store;
    }

    /**
     * Stores {@code batch} in order under the next ids, dropping the oldest past the caps, and returns the
     * captures with their ids. Only those still kept once the caps hold are written to disk: a burst larger
     * than the count cap costs no file for what would be deleted at once.
     */
    public synchronized List<Capture> addAll(List<Capture> batch) {
        List<Capture> stored = new ArrayList<>(batch.size());
        for (Capture capture : batch) {
            Capture numbered = capture.withId(Long.toString(nextId++));
            captures.put(numbered.id(), numbered);
            heldBytes += numbered.heldBytes();
            stored.add(numbered);
        }
        Set<String> unwritten = new HashSet<>();
        stored.forEach(capture -> unwritten.add(capture.id()));
        trim(unwritten);
        for (Capture capture : stored) {
            if (captures.containsKey(capture.id())) {
                write(capture);
            }
        }
        return stored;
    }

    public synchronized Optional<Capture> get(String id) {
        return Optional.ofNullable(captures.get(id));
    }

    /** Every capture, newest first. */
    public synchronized List<Capture> newestFirst() {
        List<Capture> all = new ArrayList<>(captures.values());
        Collections.reverse(all);
        return all;
    }

    public synchronized int size() {
        return captures.size();
    }

    public synchronized long heldBytes() {
        return heldBytes;
    }

    /** Drops every capture, on disk too. */
    public synchronized void clear() {
        for (String id : List.copyOf(captures.keySet())) {
            delete(id);
        }
        captures.clear();
        heldBytes = 0;
        if (directory != null) {
            // Files left by a run with other caps, or half written: nothing of them is kept.
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                LOG.warn("Could not empty the inspector's directory {}: {}", directory, e.getMessage());
            }
        }
    }

    /** Drops the oldest past the caps (always keeping the newest), deleting their files unless in {@code unwritten}. */
    private void trim(Set<String> unwritten) {
        var oldest = captures.entrySet().iterator();
        while ((captures.size() > maxCount || heldBytes > maxBytes) && captures.size() > 1 && oldest.hasNext()) {
            Map.Entry<String, Capture> dropped = oldest.next();
            oldest.remove();
            heldBytes -= dropped.getValue().heldBytes();
            if (!unwritten.contains(dropped.getKey())) {
                delete(dropped.getKey());
            }
        }
    }

    private void load() {
        try {
            Files.createDirectories(directory, ownerOnly("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the inspector's directory " + directory, e);
        }
        List<Capture> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    Capture capture = json.readValue(file.toFile(), Capture.class);
                    if (file.getFileName().toString().equals(capture.id() + SUFFIX)) {
                        found.add(capture);
                    }
                } catch (IOException | RuntimeException unreadable) {
                    LOG.warn("Skipping an unreadable inspector capture {}: {}", file, unreadable.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inspector's directory " + directory, e);
        }
        found.sort(Comparator.comparingLong(capture -> numericId(capture.id())));
        for (Capture capture : found) {
            captures.put(capture.id(), capture);
            heldBytes += capture.heldBytes();
            nextId = Math.max(nextId, numericId(capture.id()) + 1);
        }
        trim(Set.of());
    }

    private void write(Capture capture) {
        if (directory == null) {
            return;
        }
        Path file = directory.resolve(capture.id() + SUFFIX);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, ownerOnly("rw-------"));
            Files.write(file, json.writeValueAsBytes(capture), StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            LOG.warn("Could not keep inspector capture {} on disk: {}", capture.id(), e.getMessage());
        }
    }

    private void delete(String id) {
        if (directory == null) {
            return;
        }
        try {
            Files.deleteIfExists(directory.resolve(id + SUFFIX));
        } catch (IOException e) {
            LOG.warn("Could not delete inspector capture {}: {}", id, e.getMessage());
        }
    }

    private static long numericId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException notOurs) {
            return 0;
        }
    }

    private static FileAttribute<?>[] ownerOnly(String mode) {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))}
                : new FileAttribute<?>[0];
    }
}
