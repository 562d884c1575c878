package io.quicidl.runtime.transport;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default place handlers and blocking call work run: a virtual thread per task when the JVM
 * has them (Java 21+, found at run time so the runtime still builds for Java 17), else a pool of
 * daemon threads ({@link HandlerPool}) that grows as needed to {@link #FALLBACK_THREADS} and shrinks
 * when idle. A server bounds
 * what reaches it with {@link HandlerAdmission}.
 */
public final class HandlerExecutors {
    /** Handlers a server runs at once by default on platform threads. */
    private static final int PLATFORM_MAX_HANDLERS = 512;
    /** Handlers a server runs at once by default on virtual threads: they cost memory, not threads. */
    private static final int VIRTUAL_MAX_HANDLERS = 10_000;
    /** Room for every handler {@link HandlerAdmission} admits at its default (twice the fair total). */
    private static final int FALLBACK_THREADS = 2 * PLATFORM_MAX_HANDLERS;
    /** Threads over the ceiling for ones that have finished a task but are not back for the next. */
    private static final int FALLBACK_SLACK = 64;

    private static final Method VIRTUAL_THREAD_EXECUTOR = virtualThreadExecutorFactory();

    private HandlerExecutors() {}

    /** A new executor; the caller shuts it down when its endpoint closes. */
    public static ExecutorService newDefault(String name) {
        if (VIRTUAL_THREAD_EXECUTOR != null) {
            try {
                return (ExecutorService) VIRTUAL_THREAD_EXECUTOR.invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a virtual-thread executor", e);
            }
        }
        // Grows to the ceiling and shrinks after 30 s idle; the slack covers threads that have
        // finished a task but are not back for the next one yet.
        return new HandlerPool(FALLBACK_THREADS + FALLBACK_SLACK, 30, TimeUnit.SECONDS, daemonThreads(name));
    }

    /** The server's default bound on handlers running at once, for the default executor. */
    public static int defaultMaxHandlers() {
        return VIRTUAL_THREAD_EXECUTOR != null ? VIRTUAL_MAX_HANDLERS : PLATFORM_MAX_HANDLERS;
    }

    private static Method virtualThreadExecutorFactory() {
        try {
            return java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException e) {
            return null;
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
