package org.ganbook.kernel;

import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * IJava's magics: {@code %classpath} and {@code %jars} add entries (globs allowed) to the cells'
 * classpath, {@code %load} runs a file of Java code as if it were a cell.
 */
final class Magics {

    private Magics() {
    }

    static void registerAll(MagicsRegistry registry) {
        registry.registerLineMagic("classpath", (GanbookKernel k, List<String> args) -> k.addToClasspath(resolve(args)));
        registry.registerLineMagic("jars", (GanbookKernel k, List<String> args) -> {
            List<Path> jars = globs(args).stream()
                    .filter(p -> p.getFileName().toString().endsWith(".jar") || Files.isDirectory(p))
                    .collect(Collectors.toList());
            if (jars.isEmpty()) {
                throw new IllegalArgumentException("%jars: no jar matches " + String.join(" ", args));
            }
            return k.addToClasspath(PathsHandler.joinPaths(jars));
        });
        registry.registerLineMagic("load", (GanbookKernel k, List<String> args) -> {
            if (args.size() != 1) {
                throw new IllegalArgumentException("%load takes one file: %load path/to/File.jsh");
            }
            Path file = Path.of(args.get(0));
            try {
                return k.evalFile(file, Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("%load: cannot read " + file.toAbsolutePath(), e);
            }
        });
    }

    private static String resolve(List<String> args) {
        List<Path> paths = globs(args);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("%classpath: nothing matches " + String.join(" ", args));
        }
        return PathsHandler.joinPaths(paths);
    }

    private static List<Path> globs(List<String> args) {
        return args.stream()
                .flatMap(a -> PathsHandler.splitAndResolveGlobs(a.replace('/', File.separatorChar)).stream())
                .collect(Collectors.toList());
    }
}
