package io.quicidl.runtime.transport;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default place handlers and blocking call work run: a virtual thread per task when the JVM
 * has them (Java 21+, found at run time so the runtime still builds for Java 17), else a bounded
 * pool of daemon threads.
 */
public final class HandlerExecutors {
    private static final int FALLBACK_THREADS = 256;

    private HandlerExecutors() {}

    /** A new executor; the caller shuts it down when its endpoint closes. */
    public static ExecutorService newDefault(String name) {
        try {
            Method factory = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) factory.invoke(null);
        } catch (ReflectiveOperationException e) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(
                    FALLBACK_THREADS,
                    FALLBACK_THREADS,
                    30,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    daemonThreads(name));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
