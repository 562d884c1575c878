package io.quicidl.examples.showcase;

import io.quicidl.runtime.MethodDescriptor;
import java.util.Locale;

/**
 * One call of the showcase.
 *
 * @param method the method called
 * @param variant what is special about this call ("cancel", "declared error"), or empty
 * @param call makes the call as a client and checks its outcome
 * @param expectedWire a regular expression the call's {@link WireSummary} must match
 */
record Step(MethodDescriptor<?, ?> method, String variant, Call call, String expectedWire) {

    /** Makes the call; returns a short note on the outcome, throws when the outcome is wrong. */
    @FunctionalInterface
    interface Call {
        String run() throws Exception;
    }

    /** The pattern annotation, e.g. {@code @server_streaming}. */
    String pattern() {
        return "@" + method.pattern().name().toLowerCase(Locale.ROOT);
    }

    /** The method's schema name, with the variant, e.g. {@code countdown (cancel)}. */
    String label() {
        String name = method.fullName().substring(method.fullName().lastIndexOf('/') + 1);
        return variant.isEmpty() ? name : name + " (" + variant + ")";
    }
}
