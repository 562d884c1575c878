package io.quicidl.cli;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quicidl.idl.model.Rpc;
import io.quicidl.runtime.CallOptions;
import io.quicidl.runtime.Client;
import io.quicidl.runtime.ErrorDetail;
import io.quicidl.runtime.Limits;
import io.quicidl.runtime.MethodDescriptor;
import io.quicidl.runtime.StatusCode;
import io.quicidl.runtime.StatusException;
import io.quicidl.runtime.tls.Identity;
import io.quicidl.runtime.tls.TrustPolicy;
import io.quicidl.services.reflection.v1.MethodInfo;
import io.quicidl.services.reflection.v1.ServiceInfo;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The command-line client: lists a server's services through reflection, describes a service or
 * method, and calls any method with JSON requests and JSON responses. {@link #run} is the whole
 * program; {@link #main} only wires it to the process.
 */
public final class QuicidlCli {
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    QuicidlCli(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new QuicidlCli(System.in, System.out, System.err).run(args));
    }

    /** Runs one command; returns the exit code (see {@link ExitCode}), with any error on stderr. */
    int run(String[] args) {
        if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
            out.println(Arguments.USAGE);
            out.flush();
            return ExitCode.OK.code();
        }
        try {
            Arguments arguments = Arguments.parse(args);
            try (Client client = connect(arguments)) {
                return command(arguments, client);
            }
        } catch (CliFailure e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (StatusException e) {
            // The connection went while a command ran.
            err.println("ERROR: " + e.code() + ": " + e.description());
            return e.code() == StatusCode.UNAVAILABLE ? ExitCode.CONNECT.code() : ExitCode.forStatus(e.code());
        } catch (RuntimeException e) {
            err.println("internal error of the client: " + e);
            e.printStackTrace(err);
            return ExitCode.INTERNAL.code();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int command(Arguments arguments, Client client) throws CliFailure {
        ServerSchemas schemas = new ServerSchemas(client, arguments.host() + ":" + arguments.port());
        switch (arguments.command()) {
            case "list" -> list(schemas, arguments);
            case "describe" -> describe(schemas, arguments.name().orElseThrow());
            default -> {
                return call(schemas, arguments, client);
            }
        }
        return ExitCode.OK.code();
    }

    private void list(ServerSchemas schemas, Arguments arguments) throws CliFailure {
        if (arguments.name().isEmpty()) {
            schemas.services().forEach(s -> out.println(s.name()));
            return;
        }
        ServiceInfo service = schemas.service(arguments.name().get());
        for (MethodInfo method : service.methods()) {
            out.println(service.name() + "/" + method.name());
        }
    }

    private void describe(ServerSchemas schemas, String name) throws CliFailure {
        int slash = name.indexOf('/');
        String serviceName = slash < 0 ? name : name.substring(0, slash);
        ServiceInfo info = schemas.service(serviceName);
        ServerSchemas.ServiceSchema schema = schemas.schema(serviceName);
        Describer describer = new Describer(out);
        if (slash < 0) {
            describer.service(schema.service(), info.schemaFile());
        } else {
            describer.method(schema.rpc(name.substring(slash + 1)), schema.schema());
        }
    }

    private int call(ServerSchemas schemas, Arguments arguments, Client client) throws CliFailure {
        String name = arguments.name().orElseThrow();
        int slash = name.indexOf('/');
        if (slash <= 0 || slash == name.length() - 1) {
            throw new CliFailure(ExitCode.USAGE, "call needs SERVICE/METHOD, not '" + name + "'");
        }
        ServerSchemas.ServiceSchema schema = schemas.schema(name.substring(0, slash));
        Rpc rpc = schema.rpc(name.substring(slash + 1));
        MethodDescriptor<DynamicMessage, DynamicMessage> method = DynamicCalls.descriptor(rpc, schema.descriptors());
        Descriptor requestType =
                schema.descriptors().message(rpc.request().fullName()).orElseThrow();
        Reader input = arguments
                .data()
                .<Reader>map(StringReader::new)
                .orElseGet(() -> new InputStreamReader(stdin, StandardCharsets.UTF_8));
        List<DynamicMessage> requests = JsonMessages.read(input, requestType);
        CallOptions options =
                arguments.callTimeout().map(CallOptions.DEFAULT::withTimeout).orElse(CallOptions.DEFAULT);
        try {
            new DynamicCalls(client, options, out).call(method, requests, requestType);
            return ExitCode.OK.code();
        } catch (StatusException e) {
            out.flush();
            err.println("ERROR: " + e.code() + ": " + e.description());
            ErrorDetail detail = e.errorDetail();
            if (detail != null) {
                err.println("error " + detail.type() + ": " + errorJson(schema, detail));
            }
            return ExitCode.forStatus(e.code());
        }
    }

    /** A declared error's fields as JSON, when the schema knows the error type. */
    private static String errorJson(ServerSchemas.ServiceSchema schema, ErrorDetail detail) {
        return schema.descriptors()
                .message(detail.type())
                .map(type -> {
                    try {
                        return JsonMessages.write(DynamicMessage.parseFrom(type, detail.value()));
                    } catch (InvalidProtocolBufferException e) {
                        return "(" + detail.value().length + " bytes that do not decode: " + e.getMessage() + ")";
                    }
                })
                .orElse("(" + detail.value().length + " bytes)");
    }

    private static Client connect(Arguments arguments) throws CliFailure {
        Client.Builder builder = Client.builder()
                .address(arguments.host(), arguments.port())
                .limits(Limits.defaults().withHandshakeTimeout(arguments.connectTimeout()));
        try {
            if (!arguments.pins().isEmpty()) {
                builder.trust(TrustPolicy.pinned(arguments.pins().toArray(String[]::new)));
            } else if (arguments.ca().isPresent()) {
                builder.trust(TrustPolicy.certificates(arguments.ca().get()));
            } else {
                builder.trust(TrustPolicy.systemDefault());
            }
            if (arguments.cert().isPresent()) {
                builder.identity(Identity.fromPemFiles(
                        arguments.cert().get(), arguments.key().orElseThrow()));
            }
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "error: " + e.getMessage());
        }
        try {
            return builder.connect();
        } catch (StatusException e) {
            throw new CliFailure(
                    ExitCode.CONNECT,
                    "cannot connect to " + arguments.host() + ":" + arguments.port() + ": " + e.description());
        } catch (RuntimeException e) {
            throw new CliFailure(
                    ExitCode.CONNECT, "cannot connect to " + arguments.host() + ":" + arguments.port() + ": " + e);
        }
    }
}
