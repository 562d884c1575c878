package io.quicidl.services.reflection;

import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.TypeRef.MessageRef;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.ServerCallContext;
import io.quicidl.runtime.ServerMethod;
import io.quicidl.runtime.ServiceDefinition;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.services.reflection.SchemaCatalog.ServiceSchema;
import io.quicidl.services.reflection.v1.ListServicesRequest;
import io.quicidl.services.reflection.v1.MethodInfo;
import io.quicidl.services.reflection.v1.MethodPattern;
import io.quicidl.services.reflection.v1.ReflectionMethods;
import io.quicidl.services.reflection.v1.ReflectionServer;
import io.quicidl.services.reflection.v1.ReflectionServerBinding;
import io.quicidl.services.reflection.v1.SchemaFiles;
import io.quicidl.services.reflection.v1.SchemaRequest;
import io.quicidl.services.reflection.v1.SchemaSource;
import io.quicidl.services.reflection.v1.ServiceInfo;
import io.quicidl.services.reflection.v1.ServiceList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The {@code quicidl.reflection.v1.Reflection} service: lists the services given to it (and
 * itself) with their methods' patterns and message types, and returns the schema source of each.
 *
 * <pre>{@code
 * List<ServiceDefinition> services = List.of(ChatServerBinding.bind(chat), health.definition());
 * Server.Builder builder = Server.builder()...;
 * services.forEach(builder::addService);
 * builder.addService(ReflectionService.create(services).definition());
 * }</pre>
 *
 * <p>Method names and patterns come from the {@link ServiceDefinition}s; message types and
 * schema text from a {@link SchemaCatalog}, by default every {@code quic/} folder of the class
 * path, where the Maven plugin packs the schemas of generated code. A service whose schema is
 * not there is listed without types and its {@code schema} call fails with NOT_FOUND. Immutable.
 */
public final class ReflectionService implements ReflectionServer {
    private final ServiceList list;
    private final SchemaCatalog catalog;

    private ReflectionService(List<ServiceDefinition> services, SchemaCatalog catalog) {
        this.catalog = catalog;
        List<ServiceInfo> infos = new ArrayList<>();
        for (ServiceDefinition service : services) {
            infos.add(info(
                    service.name(),
                    service.methods().stream()
                            .<MethodDescriptor<?, ?>>map(ServerMethod::descriptor)
                            .toList()));
        }
        if (services.stream().noneMatch(s -> s.name().equals(ReflectionMethods.SERVICE_NAME))) {
            infos.add(info(
                    ReflectionMethods.SERVICE_NAME,
                    List.of(ReflectionMethods.LIST_SERVICES, ReflectionMethods.SCHEMA)));
        }
        infos.sort(Comparator.comparing(ServiceInfo::name));
        this.list = ServiceList.newBuilder().services(infos).build();
    }

    /** Reflection over {@code services}, with the schemas on the class path of this thread's context loader. */
    public static ReflectionService create(List<ServiceDefinition> services) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return create(
                services,
                SchemaCatalog.fromClassPath(loader != null ? loader : ReflectionService.class.getClassLoader()));
    }

    /** Reflection over {@code services}, with the schemas of {@code catalog}. */
    public static ReflectionService create(List<ServiceDefinition> services, SchemaCatalog catalog) {
        return new ReflectionService(List.copyOf(services), catalog);
    }

    /** The service to add to a server. */
    public ServiceDefinition definition() {
        return ReflectionServerBinding.bind(this);
    }

    @Override
    public ServiceList listServices(ListServicesRequest request, ServerCallContext context) {
        return list;
    }

    @Override
    public SchemaFiles schema(SchemaRequest request, ServerCallContext context) {
        String name = request.service();
        if (list.services().stream().noneMatch(s -> s.name().equals(name))) {
            throw new StatusException(StatusCode.NOT_FOUND, "the server has no service '" + name + "'");
        }
        ServiceSchema schema = catalog.service(name)
                .orElseThrow(() -> new StatusException(
                        StatusCode.NOT_FOUND, "the server has no schema for service '" + name + "'"));
        List<SchemaSource> files = schema.files().stream()
                .map(path -> SchemaSource.newBuilder()
                        .path(path)
                        .text(catalog.source(path).orElseThrow())
                        .build())
                .toList();
        return SchemaFiles.newBuilder().files(files).build();
    }

    private ServiceInfo info(String serviceName, List<MethodDescriptor<?, ?>> methods) {
        Optional<ServiceSchema> schema = catalog.service(serviceName);
        List<MethodInfo> infos = new ArrayList<>();
        for (MethodDescriptor<?, ?> method : methods) {
            String name = method.fullName().substring(method.fullName().lastIndexOf('/') + 1);
            MethodInfo.Builder info = MethodInfo.newBuilder()
                    .name(name)
                    .pattern(MethodPattern.valueOf(method.pattern().name()))
                    .idempotent(method.idempotent());
            schema.flatMap(s -> rpc(s, name)).ifPresent(rpc -> {
                info.requestType(rpc.request().fullName());
                info.responseType(rpc.response().map(MessageRef::fullName).orElse(""));
            });
            infos.add(info.build());
        }
        ServiceInfo.Builder info = ServiceInfo.newBuilder().name(serviceName).methods(infos);
        schema.ifPresent(s -> info.schemaFile(s.files().get(0)));
        return info.build();
    }

    private static Optional<Rpc> rpc(ServiceSchema schema, String name) {
        return schema.service().rpcs().stream()
                .filter(rpc -> rpc.name().equals(name))
                .findFirst();
    }
}
