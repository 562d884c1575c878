package io.quicidl.idl.link;

import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.Diagnostics;
import io.quicidl.idl.element.AnnotationElement;
import io.quicidl.idl.element.ConstantElement;
import io.quicidl.idl.element.RpcElement;
import io.quicidl.idl.model.RealtimeDelivery;
import io.quicidl.idl.model.RpcModifiers;
import io.quicidl.idl.model.RpcPattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Reads an rpc's annotations: exactly one pattern, plus modifiers with their arguments. */
final class AnnotationResolver {

    /** The pattern and modifiers of an rpc whose annotations are all valid. */
    record Resolved(RpcPattern pattern, RpcModifiers modifiers) {}

    private static final String REALTIME = "realtime";
    private static final String IDEMPOTENT = "idempotent";
    private static final String DEADLINE = "deadline";
    private static final String MAX_MESSAGE_BYTES = "max_message_bytes";
    private static final String DELIVERY = "delivery";
    private static final String REALTIME_EXAMPLE =
            "@realtime(max_age_ms = 200) or @realtime(max_age_ms = 50, delivery = datagram)";

    private static final Map<String, RpcPattern> PATTERNS = new LinkedHashMap<>();

    static {
        for (RpcPattern pattern : RpcPattern.values()) {
            PATTERNS.put(pattern.annotationName(), pattern);
        }
    }

    private static final List<String> KNOWN = known();

    private final Diagnostics diagnostics;

    AnnotationResolver(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Reports every problem with {@code rpc}'s annotations; empty if there was any. */
    Optional<Resolved> resolve(RpcElement rpc) {
        int errorsBefore = diagnostics.errorCount();
        Set<String> seen = new HashSet<>();
        List<AnnotationElement> patterns = new ArrayList<>();
        boolean idempotent = false;
        OptionalLong deadline = OptionalLong.empty();
        OptionalLong maxBytes = OptionalLong.empty();
        OptionalLong maxAge = OptionalLong.empty();
        RealtimeDelivery delivery = RealtimeDelivery.STREAM;
        for (AnnotationElement a : rpc.annotations()) {
            if (!KNOWN.contains(a.name())) {
                diagnostics.report(
                        DiagnosticCode.UNKNOWN_ANNOTATION,
                        a.location(),
                        "unknown annotation '@" + a.name() + "' on rpc '" + rpc.name() + "'",
                        Suggestions.closest(a.name(), KNOWN)
                                .map(s -> "did you mean '@" + s + "'?")
                                .orElse("the annotations are @" + String.join(", @", KNOWN)));
                continue;
            }
            if (!seen.add(a.name())) {
                diagnostics.report(
                        DiagnosticCode.DUPLICATE_ANNOTATION,
                        a.location(),
                        "duplicate annotation '@" + a.name() + "' on rpc '" + rpc.name() + "'");
                continue;
            }
            if (PATTERNS.containsKey(a.name())) {
                patterns.add(a);
            }
            switch (a.name()) {
                case REALTIME -> {
                    delivery = delivery(a);
                    maxAge = argument(withoutDelivery(a), Optional.of("max_age_ms"), REALTIME_EXAMPLE);
                }
                case DEADLINE -> deadline = argument(a, Optional.of("ms"), "@deadline(ms = 5000)");
                case MAX_MESSAGE_BYTES -> maxBytes = argument(a, Optional.empty(), "@max_message_bytes(1048576)");
                default -> {
                    idempotent |= a.name().equals(IDEMPOTENT);
                    noArguments(a);
                }
            }
        }
        // A misspelled pattern is already reported; "no pattern" would say it twice.
        if (diagnostics.errorCount() == errorsBefore) {
            checkPatternCount(rpc, patterns);
        }
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Resolved(
                PATTERNS.get(patterns.get(0).name()),
                new RpcModifiers(idempotent, deadline, maxBytes, maxAge, delivery)));
    }

    private void checkPatternCount(RpcElement rpc, List<AnnotationElement> patterns) {
        if (patterns.isEmpty()) {
            List<String> fitting = new ArrayList<>();
            for (RpcPattern p : RpcPattern.values()) {
                if (p.fits(rpc.requestStreaming(), rpc.response().isPresent(), rpc.responseStreaming())) {
                    fitting.add("@" + p.annotationName());
                }
            }
            diagnostics.report(
                    DiagnosticCode.MISSING_PATTERN,
                    rpc.location(),
                    "rpc '" + rpc.name() + "' has no pattern annotation",
                    fitting.isEmpty()
                            ? "add one of @" + String.join(", @", PATTERNS.keySet())
                            : "its signature fits " + String.join(" or ", fitting));
        } else if (patterns.size() > 1) {
            diagnostics.report(
                    DiagnosticCode.MULTIPLE_PATTERNS,
                    patterns.get(1).location(),
                    "rpc '" + rpc.name() + "' has more than one pattern annotation: "
                            + String.join(
                                    ", ",
                                    patterns.stream().map(p -> "@" + p.name()).toList()),
                    "keep exactly one");
        }
    }

    /**
     * The single positive number argument of {@code a}: named {@code name}, or positional
     * when {@code name} is empty.
     */
    private OptionalLong argument(AnnotationElement a, Optional<String> name, String example) {
        if (a.arguments().size() != 1 || !a.arguments().get(0).name().equals(name)) {
            String what = name.map(n -> "one argument, " + n).orElse("one number");
            diagnostics.report(
                    DiagnosticCode.BAD_ANNOTATION_ARGUMENTS,
                    a.location(),
                    "@" + a.name() + " takes " + what,
                    "write " + example);
            return OptionalLong.empty();
        }
        ConstantElement value = a.arguments().get(0).value();
        if (value instanceof ConstantElement.NumberConstant n && n.value() > 0) {
            return OptionalLong.of(n.value());
        }
        String found = describe(value);
        diagnostics.report(
                DiagnosticCode.BAD_ANNOTATION_ARGUMENTS,
                a.arguments().get(0).location(),
                "@" + a.name() + " needs a positive number, found " + found,
                "write " + example);
        return OptionalLong.empty();
    }

    /** {@code @realtime}'s optional {@code delivery = stream | datagram}; reports any other value. */
    private RealtimeDelivery delivery(AnnotationElement realtime) {
        for (AnnotationElement.Argument argument : realtime.arguments()) {
            if (!argument.name().equals(Optional.of(DELIVERY))) {
                continue;
            }
            if (argument.value() instanceof ConstantElement.NameConstant n) {
                for (RealtimeDelivery delivery : RealtimeDelivery.values()) {
                    if (delivery.schemaName().equals(n.name())) {
                        return delivery;
                    }
                }
            }
            List<String> names = new ArrayList<>();
            for (RealtimeDelivery delivery : RealtimeDelivery.values()) {
                names.add(delivery.schemaName());
            }
            String found = describe(argument.value());
            diagnostics.report(
                    DiagnosticCode.BAD_ANNOTATION_ARGUMENTS,
                    argument.location(),
                    "unknown delivery " + found + " in @realtime; the deliveries are " + String.join(", ", names),
                    argument.value() instanceof ConstantElement.NameConstant n
                            ? Suggestions.closest(n.name(), names)
                                    .map(s -> "did you mean '" + s + "'?")
                                    .orElse("write delivery = datagram, or leave it out for one stream per message")
                            : "write delivery = datagram, or leave it out for one stream per message");
            return RealtimeDelivery.STREAM;
        }
        return RealtimeDelivery.STREAM;
    }

    /** {@code @realtime}'s arguments but {@code delivery}, which {@link #delivery} checks. */
    private static AnnotationElement withoutDelivery(AnnotationElement realtime) {
        List<AnnotationElement.Argument> rest = new ArrayList<>();
        for (AnnotationElement.Argument argument : realtime.arguments()) {
            if (!argument.name().equals(Optional.of(DELIVERY))) {
                rest.add(argument);
            }
        }
        return new AnnotationElement(realtime.location(), realtime.name(), rest);
    }

    private static String describe(ConstantElement value) {
        if (value instanceof ConstantElement.NumberConstant n) {
            return Long.toString(n.value());
        }
        if (value instanceof ConstantElement.NameConstant n) {
            return "'" + n.name() + "'";
        }
        return "\"" + ((ConstantElement.StringConstant) value).value() + "\"";
    }

    private void noArguments(AnnotationElement a) {
        if (!a.arguments().isEmpty()) {
            diagnostics.report(
                    DiagnosticCode.BAD_ANNOTATION_ARGUMENTS,
                    a.location(),
                    "@" + a.name() + " takes no arguments",
                    "write @" + a.name());
        }
    }

    private static List<String> known() {
        List<String> names = new ArrayList<>(PATTERNS.keySet());
        names.addAll(List.of(IDEMPOTENT, DEADLINE, MAX_MESSAGE_BYTES));
        return List.copyOf(names);
    }
}
