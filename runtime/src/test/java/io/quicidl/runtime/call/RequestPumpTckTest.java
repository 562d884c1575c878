package io.quicidl.runtime.call;

import io.quicidl.runtime.NotificationSink;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK against {@link RequestPump}, the subscriber of every asynchronous
 * helper that takes a publisher of requests, feeding a sink that takes every message at once.
 */
public class RequestPumpTckTest extends FlowSubscriberBlackboxVerification<Integer> {
    private final ExecutorService executor = Executors.newCachedThreadPool();

    public RequestPumpTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS));
    }

    @AfterClass
    public void shutdown() {
        executor.shutdownNow();
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        NotificationSink<Integer> taking = new NotificationSink<>() {
            @Override
            public void send(Integer message) {}

            @Override
            public void complete() {}

            @Override
            public void cancel() {}
        };
        return RequestPump.feeding(AsyncHandles.notifications(taking, executor));
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
