package dev.httptunnel.agent.inspect;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Server-Sent Events for the open pages: each page has its own bounded queue of events; a page that
 * falls behind by more than {@link #QUEUE_CAPACITY} events is cut off (it reconnects and reloads the list)
 * instead of holding the writer up.
 */
final class EventFeed {

    static final int QUEUE_CAPACITY = 1000;
    static final int MAX_PAGES = 16;

    /** One open page's events, each already in the text/event-stream form. */
    static final class Subscriber {
        private final BlockingQueue<String> events = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        private volatile boolean overflowed;

        BlockingQueue<String> events() {
            return events;
        }

        boolean overflowed() {
            return overflowed;
        }
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    /** A new page's subscription; null when {@link #MAX_PAGES} are open already. */
    Subscriber subscribe() {
        if (subscribers.size() >= MAX_PAGES) {
            return null;
        }
        Subscriber subscriber = new Subscriber();
        subscribers.add(subscriber);
        return subscriber;
    }

    void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** Sends {@code data} (one line of JSON) as an event named {@code name} to every page; made only if one is open. */
    void publish(String name, Supplier<String> data) {
        if (subscribers.isEmpty()) {
            return;
        }
        String event = "event: " + name + "\ndata: " + data.get() + "\n\n";
        for (Subscriber subscriber : subscribers) {
            if (!subscriber.events.offer(event)) {
                subscriber.overflowed = true;
                subscribers.remove(subscriber);
            }
        }
    }
}
