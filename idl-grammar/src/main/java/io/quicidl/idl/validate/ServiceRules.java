package io.quicidl.idl.validate;

import io.quicidl.idl.diagnostic.DiagnosticCode;
import io.quicidl.idl.diagnostic.Diagnostics;
import io.quicidl.idl.model.ErrorRef;
import io.quicidl.idl.model.Rpc;
import io.quicidl.idl.model.RpcPattern;
import io.quicidl.idl.model.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rules for services: unique rpc names, and signatures that fit their pattern. */
final class ServiceRules {

    private final Diagnostics diagnostics;

    ServiceRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void validate(Service service) {
        Map<String, Rpc> byName = new HashMap<>();
        Map<String, Rpc> byJavaName = new HashMap<>();
        for (Rpc rpc : service.rpcs()) {
            Rpc sameName = byName.putIfAbsent(rpc.name(), rpc);
            if (sameName != null) {
                diagnostics.report(
                        DiagnosticCode.DUPLICATE_RPC_NAME,
                        rpc.location(),
                        "rpc '" + rpc.name() + "' is already declared in service '" + service.name() + "' at "
                                + sameName.location());
                continue;
            }
            Rpc sameJava = byJavaName.putIfAbsent(rpc.javaName(), rpc);
            if (sameJava != null) {
                diagnostics.report(
                        DiagnosticCode.JAVA_NAME_CLASH,
                        rpc.location(),
                        "rpcs '" + sameJava.name() + "' and '" + rpc.name() + "' both become '" + rpc.javaName()
                                + "' in Java",
                        "rename one of them");
            }
            checkSignature(rpc);
            checkThrows(rpc);
        }
    }

    private void checkSignature(Rpc rpc) {
        RpcPattern pattern = rpc.pattern();
        boolean hasResponse = rpc.response().isPresent();
        if (pattern.fits(rpc.clientStreaming(), hasResponse, rpc.serverStreaming())) {
            return;
        }
        List<String> fixes = new ArrayList<>();
        if (pattern.clientStreaming() != rpc.clientStreaming()) {
            fixes.add(pattern.clientStreaming() ? "add 'stream' to the request" : "remove 'stream' from the request");
        }
        if (pattern.hasResponse() != hasResponse) {
            fixes.add(pattern.hasResponse() ? "add a 'returns (...)' clause" : "remove the 'returns' clause");
        } else if (pattern.serverStreaming() != rpc.serverStreaming()) {
            fixes.add(pattern.serverStreaming() ? "add 'stream' to the response" : "remove 'stream' from the response");
        }
        List<String> fitting = new ArrayList<>();
        for (RpcPattern p : RpcPattern.values()) {
            if (p.fits(rpc.clientStreaming(), hasResponse, rpc.serverStreaming())) {
                fitting.add("@" + p.annotationName());
            }
        }
        String hint =
                String.join(" and ", fixes) + (fitting.isEmpty() ? "" : ", or use " + String.join(" or ", fitting));
        diagnostics.report(
                DiagnosticCode.PATTERN_SIGNATURE_MISMATCH,
                rpc.location(),
                "@" + pattern.annotationName() + " rpc '" + rpc.name() + "' must have the signature '"
                        + pattern.signature(rpc.name()) + "'",
                hint);
    }

    private void checkThrows(Rpc rpc) {
        if (!rpc.errors().isEmpty() && !rpc.pattern().hasResponse()) {
            diagnostics.report(
                    DiagnosticCode.THROWS_WITHOUT_RESPONSE,
                    rpc.location(),
                    "@" + rpc.pattern().annotationName() + " rpc '" + rpc.name()
                            + "' cannot declare errors: it has no response stream to carry them",
                    "remove the 'throws' clause");
        }
        Set<String> seen = new HashSet<>();
        for (ErrorRef error : rpc.errors()) {
            if (!seen.add(error.fullName())) {
                diagnostics.report(
                        DiagnosticCode.DUPLICATE_THROWS,
                        rpc.location(),
                        "rpc '" + rpc.name() + "' lists error '" + error.fullName() + "' twice in throws");
            }
        }
    }
}
