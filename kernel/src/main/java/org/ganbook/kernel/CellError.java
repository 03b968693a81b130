package org.ganbook.kernel;

import java.util.List;

/**
 * A cell that failed, already put in words a learner can read: {@code name} and {@code message}
 * become the error's ename and evalue, {@code traceback} the lines the notebook shows.
 */
final class CellError extends RuntimeException {
    private final String name;
    private final List<String> traceback;

    CellError(String name, String message, List<String> traceback) {
        super(message, null, false, false);
        this.name = name;
        this.traceback = List.copyOf(traceback);
    }

    String name() {
        return name;
    }

    List<String> traceback() {
        return traceback;
    }
}
