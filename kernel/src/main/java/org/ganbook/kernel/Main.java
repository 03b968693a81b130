package org.ganbook.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Starts the kernel: {@code java -cp <kernel jar>:<library classpath> org.ganbook.kernel.Main
 * <connection file>}. Reads IJava's environment variables:
 * <ul>
 *   <li>{@code IJAVA_CLASSPATH}: entries (globs allowed, path-separator delimited) added to the
 *       cells' classpath;</li>
 *   <li>{@code IJAVA_COMPILER_OPTS}: javac options, blank-separated;</li>
 *   <li>{@code IJAVA_STARTUP_SCRIPTS_PATH}: {@code .jshell} files (globs allowed) run at start;</li>
 *   <li>{@code IJAVA_STARTUP_SCRIPT}: code run at start, after those files;</li>
 *   <li>{@code IJAVA_TIMEOUT}: the longest a snippet may run, in milliseconds or as
 *       {@code "30 SECONDS"}; less than 1 means no limit (the default).</li>
 * </ul>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp <kernel and library jars> org.ganbook.kernel.Main <connection file>");
            System.exit(2);
        }
        KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));

        GanbookKernel kernel = GanbookKernel.create(compilerOptions(System.getenv("IJAVA_COMPILER_OPTS")),
                timeoutMillis(System.getenv("IJAVA_TIMEOUT")));
        kernel.onStartup();
        String classpath = System.getenv("IJAVA_CLASSPATH");
        if (classpath != null && !classpath.isBlank()) {
            kernel.addToClasspath(PathsHandler.joinPaths(PathsHandler.splitAndResolveGlobs(classpath)));
        }
        kernel.runStartup("default imports", String.join("\n", GanbookKernel.DEFAULT_IMPORTS));
        String scripts = System.getenv("IJAVA_STARTUP_SCRIPTS_PATH");
        if (scripts != null && !scripts.isBlank()) {
            for (Path script : PathsHandler.splitAndResolveGlobs(scripts)) {
                kernel.runStartup(script.toString(), read(script));
            }
        }
        String script = System.getenv("IJAVA_STARTUP_SCRIPT");
        if (script != null && !script.isBlank()) {
            kernel.runStartup("IJAVA_STARTUP_SCRIPT", script);
        }

        JupyterConnection jupyter = new GanbookConnection(connection);
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        surviveBadMessages(jupyter);
        jupyter.waitUntilClose();
        // ND4J and user code may leave non-daemon threads behind.
        System.exit(0);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    static List<String> compilerOptions(String opts) {
        if (opts == null || opts.isBlank()) {
            return List.of();
        }
        return Arrays.stream(opts.trim().split("\\s+")).collect(Collectors.toList());
    }

    /** IJava's format: "5000" (ms) or "30 SECONDS" (a TimeUnit name). */
    static long timeoutMillis(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String[] words = value.trim().split("\\s+");
        long amount = Long.parseLong(words[0]);
        TimeUnit unit = words.length > 1 ? TimeUnit.valueOf(words[1].toUpperCase(Locale.ROOT)) : TimeUnit.MILLISECONDS;
        return amount < 1 ? -1 : unit.toMillis(amount);
    }

    /**
     * The base library reads a message with a wrong signature by throwing from its shell loop,
     * which ends the loop and the kernel's shell with it. Give both shell loops an error handler
     * that drops the message and goes on (the loop's own pause before the next poll).
     */
    private static void surviveBadMessages(JupyterConnection jupyter) throws ReflectiveOperationException {
        // The kernel's own stderr: System.err points into a notebook while a cell runs.
        PrintStream log = System.err;
        for (String channel : List.of("shell", "control")) {
            Field channelField = JupyterConnection.class.getDeclaredField(channel);
            channelField.setAccessible(true);
            Object shellChannel = channelField.get(jupyter);
            Field loopField = shellChannel.getClass().getDeclaredField("ioloop");
            loopField.setAccessible(true);
            Loop loop = (Loop) loopField.get(shellChannel);
            loop.onError(error -> {
                log.println("ganbook kernel: dropped a message on " + channel + ": " + error);
                return 50;
            });
        }
    }
}
