package dev.jwasm.wasi;

import dev.jwasm.api.ConfigurationException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a WASI program may see and touch. Deny by default: without a builder call the program gets
 * no arguments, no environment, no directories, an empty stdin and discarded stdout/stderr.
 *
 * @param args the program's arguments, {@code args[0]} conventionally its name
 * @param env environment variables in insertion order
 * @param preopens directories the program may reach, fds 3, 4, … in this order
 * @param threads whether a program importing {@code wasi} {@code thread-spawn} may start threads
 *     (the wasi-threads proposal, see {@link WasiThreads}); off by default, so such a program fails
 *     to link
 */
public record WasiConfig(
        List<String> args,
        Map<String, String> env,
        List<Preopen> preopens,
        InputStream stdin,
        OutputStream stdout,
        OutputStream stderr,
        boolean threads) {

    /** A configuration without wasi-threads. */
    public WasiConfig(
            List<String> args,
            Map<String, String> env,
            List<Preopen> preopens,
            InputStream stdin,
            OutputStream stdout,
            OutputStream stderr) {
        this(args, env, preopens, stdin, stdout, stderr, false);
    }

    /**
     * A host directory made visible to the program under {@code guestPath}; with {@code readOnly}
     * nothing below it can be created, changed or removed.
     */
    public record Preopen(Path hostPath, String guestPath, boolean readOnly) {
        public Preopen {
            Objects.requireNonNull(hostPath, "hostPath");
            Objects.requireNonNull(guestPath, "guestPath");
        }
    }

    public WasiConfig {
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        preopens = List.copyOf(preopens);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects a {@link WasiConfig}; each call adds to or replaces what it names. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<Preopen> preopens = new ArrayList<>();
        private InputStream stdin = InputStream.nullInputStream();
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();
        private boolean threads;

        private Builder() {}

        /**
         * Lets the program start threads through {@code wasi} {@code thread-spawn} (wasi-threads):
         * each runs a new instance of the program's module on its own Java thread, sharing the
         * program's imported shared memory and this configuration's descriptors.
         */
        public Builder threads(boolean enabled) {
            threads = enabled;
            return this;
        }

        public Builder args(List<String> values) {
            for (var a : values) {
                arg(a);
            }
            return this;
        }

        public Builder arg(String value) {
            args.add(noNul(Objects.requireNonNull(value, "arg"), "argument"));
            return this;
        }

        public Builder env(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (key.isEmpty() || key.indexOf('=') >= 0) {
                throw new ConfigurationException("environment variable name must be non-empty without '=': " + key);
            }
            env.put(noNul(key, "environment name"), noNul(value, "environment value"));
            return this;
        }

        /** Copies the host process's environment (the JVM's {@link System#getenv()}). */
        public Builder inheritEnv() {
            System.getenv().forEach(this::env);
            return this;
        }

        /**
         * Makes the existing host directory {@code hostPath} visible as {@code guestPath}.
         *
         * @throws ConfigurationException when {@code hostPath} is not a directory
         */
        public Builder preopen(Path hostPath, String guestPath, boolean readOnly) {
            if (!Files.isDirectory(hostPath)) {
                throw new ConfigurationException("preopened directory does not exist: " + hostPath);
            }
            preopens.add(new Preopen(hostPath, noNul(guestPath, "guest path"), readOnly));
            return this;
        }

        public Builder stdin(InputStream in) {
            stdin = Objects.requireNonNull(in, "stdin");
            return this;
        }

        public Builder stdout(OutputStream out) {
            stdout = Objects.requireNonNull(out, "stdout");
            return this;
        }

        public Builder stderr(OutputStream err) {
            stderr = Objects.requireNonNull(err, "stderr");
            return this;
        }

        /** Connects the program to the JVM's own {@code System.in/out/err}. */
        public Builder inheritStdio() {
            return stdin(System.in).stdout(System.out).stderr(System.err);
        }

        public WasiConfig build() {
            return new WasiConfig(args, env, preopens, stdin, stdout, stderr, threads);
        }

        private static String noNul(String s, String what) {
            // Strings reach the guest NUL-terminated; an embedded NUL would silently truncate them.
            if (s.indexOf('\0') >= 0) {
                throw new ConfigurationException(what + " contains a NUL character");
            }
            return s;
        }
    }
}
