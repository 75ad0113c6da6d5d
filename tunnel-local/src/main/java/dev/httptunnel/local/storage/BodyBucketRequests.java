package dev.httptunnel.local.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests S3 would bill for the body bucket, as {@code S3BodyStore} and the agent make them: a PUT
 * for each stored request body and each uploaded response body, a GET for each download through a URL
 * and each response body taken, a DELETE for each body taken or discarded. Presigning is local and free.
 */
public final class BodyBucketRequests {

    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong gets = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private final AtomicLong downloadedBytes = new AtomicLong();

    void put() {
        puts.incrementAndGet();
    }

    void get() {
        gets.incrementAndGet();
    }

    void delete() {
        deletes.incrementAndGet();
    }

    void downloaded(int bytes) {
        downloadedBytes.addAndGet(bytes);
    }

    /** PUT requests so far: request bodies stored by the forwarding function, response bodies uploaded. */
    public long puts() {
        return puts.get();
    }

    /** GET requests so far: request bodies downloaded through URLs, response bodies taken. */
    public long gets() {
        return gets.get();
    }

    /** DELETE requests so far: bodies taken or discarded (expiry, S3's lifecycle rule, is not counted). */
    public long deletes() {
        return deletes.get();
    }

    /** Bytes downloaded through URLs so far (by agents: on AWS, data transfer out of the region). */
    public long downloadedBytes() {
        return downloadedBytes.get();
    }
}
