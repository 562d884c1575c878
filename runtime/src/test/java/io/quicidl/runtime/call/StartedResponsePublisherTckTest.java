package io.quicidl.runtime.call;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK against {@link ResponsePublisher#ofStarted}, the responses of an
 * asynchronous duplex call: one subscriber (the TCK's optional multi-subscriber rules are
 * skipped), and a started call that fails signals it on demand only.
 */
public class StartedResponsePublisherTckTest extends FlowPublisherVerification<Integer> {
    private final ExecutorService executor = Executors.newCachedThreadPool();

    public StartedResponsePublisherTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_MILLIS), Tck.TIMEOUT_MILLIS);
    }

    @AfterClass
    public void shutdown() {
        executor.shutdownNow();
    }

    @Override
    public Flow.Publisher<Integer> createFlowPublisher(long elements) {
        return ResponsePublisher.ofStarted(new CountingStream(elements), executor);
    }

    @Override
    public Flow.Publisher<Integer> createFailedFlowPublisher() {
        return null;
    }
}
