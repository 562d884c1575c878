package io.quicidl.cli;

import io.quicidl.idl.SchemaLoader;
import io.quicidl.idl.diagnostic.SchemaException;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.Schema;
import io.quicidl.idl.model.Service;
import io.quicidl.idl.source.SourceProvider;
import io.quicidl.runtime.Channel;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.services.reflection.v1.ListServicesRequest;
import io.quicidl.services.reflection.v1.ReflectionClient;
import io.quicidl.services.reflection.v1.SchemaFiles;
import io.quicidl.services.reflection.v1.SchemaRequest;
import io.quicidl.services.reflection.v1.SchemaSource;
import io.quicidl.services.reflection.v1.ServiceInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the server's reflection service says: its services, and a service's schema compiled by the front end. */
final class ServerSchemas {
    private final ReflectionClient reflection;
    private final String address;

    /** Asks the server at {@code address} (for messages) through {@code channel}. */
    ServerSchemas(Channel channel, String address) {
        this.reflection = new ReflectionClient(channel);
        this.address = address;
    }

    List<ServiceInfo> services() throws CliFailure {
        try {
            return reflection
                    .listServices(ListServicesRequest.defaultInstance())
                    .services();
        } catch (StatusException e) {
            throw reflectionFailure(e);
        }
    }

    ServiceInfo service(String name) throws CliFailure {
        return services().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new CliFailure(ExitCode.NOT_FOUND, "the server has no service '" + name + "'"));
    }

    /** A service's schema, compiled: its model and the protobuf descriptors of its messages. */
    record ServiceSchema(Service service, Schema schema, ProtoDescriptors descriptors) {
        Rpc rpc(String method) throws CliFailure {
            return service.rpcs().stream()
                    .filter(r -> r.name().equals(method))
                    .findFirst()
                    .orElseThrow(() -> new CliFailure(
                            ExitCode.NOT_FOUND,
                            "service '" + service.fullName() + "' has no method '" + method + "' (it has: "
                                    + String.join(
                                            ", ",
                                            service.rpcs().stream()
                                                    .map(Rpc::name)
                                                    .toList()) + ")"));
        }
    }

    ServiceSchema schema(String serviceName) throws CliFailure {
        SchemaFiles files;
        try {
            files = reflection.schema(
                    SchemaRequest.newBuilder().service(serviceName).build());
        } catch (StatusException e) {
            throw reflectionFailure(e);
        }
        Map<String, String> sources = new LinkedHashMap<>();
        for (SchemaSource file : files.files()) {
            sources.put(file.path(), file.text());
        }
        if (sources.isEmpty()) {
            throw new CliFailure(ExitCode.NOT_FOUND, "the server sent no schema for '" + serviceName + "'");
        }
        Schema schema;
        try {
            schema = new SchemaLoader(SourceProvider.inMemory(sources))
                    .load(List.of(files.files().get(0).path()));
        } catch (SchemaException e) {
            throw new CliFailure(
                    ExitCode.NOT_FOUND,
                    "the server's schema for '" + serviceName + "' does not compile:\n" + e.getMessage());
        }
        Service service = schema.service(serviceName)
                .orElseThrow(() -> new CliFailure(
                        ExitCode.NOT_FOUND, "the server's schema does not define '" + serviceName + "'"));
        try {
            return new ServiceSchema(service, schema, ProtoDescriptors.of(schema));
        } catch (IllegalStateException e) {
            throw new CliFailure(ExitCode.NOT_FOUND, "the schema of '" + serviceName + "': " + e.getMessage());
        }
    }

    private CliFailure reflectionFailure(StatusException e) {
        if (e.code() == StatusCode.UNAVAILABLE) {
            // Reflection is every command's first call: a connection that cannot carry it failed,
            // such as a server that refused the handshake after ours completed (no client certificate).
            return new CliFailure(ExitCode.CONNECT, "cannot connect to " + address + ": " + e.description());
        }
        if (e.code() == StatusCode.NOT_FOUND) {
            return new CliFailure(ExitCode.NOT_FOUND, e.description());
        }
        if (e.code() == StatusCode.UNIMPLEMENTED) {
            return new CliFailure(
                    ExitCode.NOT_FOUND,
                    "the server does not serve reflection (quicidl.reflection.v1.Reflection): " + e.description());
        }
        return new CliFailure(ExitCode.forStatus(e.code()), "reflection failed: " + e.code() + ": " + e.description());
    }
}
