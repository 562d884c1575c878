package io.quicidl.runtime.call;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK (run by the TestNG engine) against {@link ResponsePublisher} with a
 * call per subscriber, as {@code serverStreamingPublisher} and {@code unorderedPublisher} use
 * it. The failed-publisher rules are skipped: a call starts, and so can fail, only on demand.
 */
public class ResponsePublisherTckTest extends FlowPublisherVerification<Integer> {
    private final ExecutorService executor = Executors.newCachedThreadPool();

    public ResponsePublisherTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS), Tck.TIMEOUT_MILLIS);
    }

    @AfterClass
    public void shutdown() {
        executor.shutdownNow();
    }

    @Override
    public Flow.Publisher<Integer> createFlowPublisher(long elements) {
        return new ResponsePublisher<>(() -> new CountingStream(elements), executor);
    }

    @Override
    public Flow.Publisher<Integer> createFailedFlowPublisher() {
        return null;
    }
}
