package io.quicidl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command line, parsed: {@code [options] HOST:PORT COMMAND [NAME]}. */
record Arguments(
        String host,
        int port,
        String command,
        Optional<String> name,
        List<String> pins,
        Optional<Path> ca,
        Optional<Path> cert,
        Optional<Path> key,
        Optional<String> data,
        Duration connectTimeout,
        Optional<Duration> callTimeout) {

    static final String USAGE = String.join(
            "\n",
            "usage: quicidl-client [options] HOST:PORT list [SERVICE]",
            "       quicidl-client [options] HOST:PORT describe SERVICE[/METHOD]",
            "       quicidl-client [options] HOST:PORT call SERVICE/METHOD   (JSON requests on stdin, or -d)",
            "options:",
            "  --pin sha256/HEX       trust the server whose public key has this SHA-256 fingerprint (repeatable)",
            "  --ca FILE              trust servers whose certificate chains to a CA of this PEM file",
            "  --cert FILE --key FILE present this client certificate (mutual TLS)",
            "  -d, --data JSON        the request(s), instead of stdin",
            "  --connect-timeout S    seconds to wait for the handshake (default 10)",
            "  --timeout S            the call's deadline in seconds (default: the method's, or none)",
            "without --pin or --ca the JVM's default CAs are trusted");

    static Arguments parse(String[] args) throws CliFailure {
        List<String> pins = new ArrayList<>();
        Path ca = null;
        Path cert = null;
        Path key = null;
        String data = null;
        Duration connectTimeout = Duration.ofSeconds(10);
        Duration callTimeout = null;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--pin" -> pins.add(value(args, ++i, arg).replaceFirst("^sha256/", ""));
                case "--ca" -> ca = file(value(args, ++i, arg), arg);
                case "--cert" -> cert = file(value(args, ++i, arg), arg);
                case "--key" -> key = file(value(args, ++i, arg), arg);
                case "-d", "--data" -> data = value(args, ++i, arg);
                case "--connect-timeout" -> connectTimeout = seconds(value(args, ++i, arg), arg);
                case "--timeout" -> callTimeout = seconds(value(args, ++i, arg), arg);
                default -> {
                    if (arg.startsWith("-") && arg.length() > 1) {
                        throw usage("unknown option " + arg);
                    }
                    positional.add(arg);
                }
            }
        }
        if (positional.size() < 2) {
            throw usage("needs a server address and a command");
        }
        if ((cert == null) != (key == null)) {
            throw usage("--cert and --key go together");
        }
        if (!pins.isEmpty() && ca != null) {
            throw usage("--pin and --ca exclude each other");
        }
        String address = positional.get(0);
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw usage("the server address must be HOST:PORT, not '" + address + "'");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw usage("the port of '" + address + "' is not a number");
        }
        String host = address.substring(0, colon).replaceAll("^\\[|]$", "");
        String command = positional.get(1);
        Optional<String> name = positional.size() > 2 ? Optional.of(positional.get(2)) : Optional.empty();
        if (positional.size() > 3) {
            throw usage("unexpected argument '" + positional.get(3) + "'");
        }
        switch (command) {
            case "list" -> {}
            case "describe", "call" -> {
                if (name.isEmpty()) {
                    throw usage(
                            command + " needs a " + (command.equals("call") ? "SERVICE/METHOD" : "SERVICE[/METHOD]"));
                }
            }
            default -> throw usage("unknown command '" + command + "' (list, describe or call)");
        }
        return new Arguments(
                host,
                port,
                command,
                name,
                List.copyOf(pins),
                Optional.ofNullable(ca),
                Optional.ofNullable(cert),
                Optional.ofNullable(key),
                Optional.ofNullable(data),
                connectTimeout,
                Optional.ofNullable(callTimeout));
    }

    private static String value(String[] args, int index, String option) throws CliFailure {
        if (index >= args.length) {
            throw usage(option + " needs a value");
        }
        return args[index];
    }

    private static Path file(String name, String option) throws CliFailure {
        Path path = Path.of(name);
        if (!Files.isReadable(path)) {
            throw usage(option + ": cannot read " + path);
        }
        return path;
    }

    private static Duration seconds(String text, String option) throws CliFailure {
        try {
            double seconds = Double.parseDouble(text);
            if (seconds > 0) {
                return Duration.ofMillis((long) (seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage(option + ": not a positive number of seconds: " + text);
    }

    private static CliFailure usage(String problem) {
        return new CliFailure(ExitCode.USAGE, "error: " + problem + "\n" + USAGE);
    }
}
