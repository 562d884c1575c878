package io.quicidl.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A service's server methods under its name ({@code package.Service}). Generated bindings build
 * one from an implementation of the service interface; a {@link Server} or an
 * {@link InProcessServer} serves it ({@code addService}). Immutable.
 */
public final class ServiceDefinition {
    private final String name;
    private final List<ServerMethod<?, ?>> methods;

    private ServiceDefinition(String name, List<ServerMethod<?, ?>> methods) {
        this.name = name;
        this.methods = List.copyOf(methods);
    }

    /** Starts a definition of the service {@code package.Service}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<ServerMethod<?, ?>> methods() {
        return methods;
    }

    /** Collects the methods of a {@link ServiceDefinition}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<ServerMethod<?, ?>> methods = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Adds a method; it must belong to this service and not be added twice. */
        public Builder add(ServerMethod<?, ?> method) {
            MethodDescriptor<?, ?> descriptor = method.descriptor();
            if (!descriptor.serviceName().equals(name)) {
                throw new IllegalArgumentException(descriptor.fullName() + " is not a method of " + name);
            }
            for (ServerMethod<?, ?> existing : methods) {
                if (existing.descriptor().fullName().equals(descriptor.fullName())) {
                    throw new IllegalArgumentException(descriptor.fullName() + " added twice");
                }
            }
            methods.add(method);
            return this;
        }

        public ServiceDefinition build() {
            return new ServiceDefinition(name, methods);
        }
    }
}
