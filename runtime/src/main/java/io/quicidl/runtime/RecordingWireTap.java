package io.quicidl.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A {@link WireTap} that keeps every event in memory, for tests and demos. Thread-safe. */
public final class RecordingWireTap implements WireTap {
    private final List<WireEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(WireEvent event) {
        events.add(event);
        notifyAll();
    }

    /** A snapshot of all events so far, in the order they happened. */
    public synchronized List<WireEvent> events() {
        return List.copyOf(events);
    }

    /** The events so far that match {@code filter}. */
    public synchronized List<WireEvent> events(Predicate<WireEvent> filter) {
        return events.stream().filter(filter).toList();
    }

    /** The events of one type. */
    public List<WireEvent> events(WireEvent.Type type) {
        return events(e -> e.type() == type);
    }

    /**
     * Waits until an event matches {@code filter}, for at most {@code timeoutMillis}.
     *
     * @return the first matching event
     * @throws AssertionError when none arrives in time, listing what did arrive
     */
    public synchronized WireEvent await(Predicate<WireEvent> filter, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            for (WireEvent event : events) {
                if (filter.test(event)) {
                    return event;
                }
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new AssertionError("no matching wire event within " + timeoutMillis + " ms; saw " + events);
            }
            wait(left);
        }
    }

    /** Forgets every event recorded so far. */
    public synchronized void clear() {
        events.clear();
    }
}
