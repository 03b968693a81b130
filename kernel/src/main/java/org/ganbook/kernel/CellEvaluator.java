package org.ganbook.kernel;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Java cells on JShell: runs a cell snippet by snippet, keeps the value of its last expression,
 * and answers completion, inspection and completeness. Errors come back as {@link CellError}s
 * that point into the cell.
 */
final class CellEvaluator implements AutoCloseable {

    /** Library frames shown under a runtime error, after the cell's own. */
    private static final int LIBRARY_FRAMES = 12;

    /** What a cell left: a value to show, or nothing. */
    record Result(boolean hasValue, Object value) {
        static final Result NONE = new Result(false, null);
    }

    /** Where a snippet came from, to turn its stack frames into cell lines. */
    private record Origin(int cell, String cellSource, int offset) {
    }

    /** A snippet's place in a cell: [start, end) and how JShell classified its completeness. */
    private record Piece(int start, int end, String source, Completeness completeness) {
    }

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final CellExecutionControl control;
    private final Map<String, Origin> origins = new ConcurrentHashMap<>();

    CellEvaluator(List<String> compilerOptions, long timeoutMillis) {
        this.control = new CellExecutionControl(timeoutMillis);
        this.shell = JShell.builder()
                .executionEngine(new CellExecutionControl.Provider(control), Map.of())
                .compilerOptions(compilerOptions.toArray(String[]::new))
                .build();
        this.analysis = shell.sourceCodeAnalysis();
        addToClasspath(System.getProperty("java.class.path"));
    }

    void addToClasspath(String path) {
        if (path != null && !path.isBlank()) {
            shell.addToClasspath(path);
        }
    }

    void interrupt() {
        shell.stop();
    }

    /**
     * Runs Java code that starts at {@code offset} in cell number {@code cell}.
     *
     * @throws CellError on a compile error, a runtime exception or an interrupt
     */
    Result eval(String code, int offset, int cell, String cellSource) {
        Result result = Result.NONE;
        for (Piece piece : pieces(code)) {
            if (control.stopRequested()) {
                throw interrupted();
            }
            if (piece.completeness() == Completeness.EMPTY) {
                continue;
            }
            if (piece.completeness() == Completeness.DEFINITELY_INCOMPLETE
                    || piece.completeness() == Completeness.CONSIDERED_INCOMPLETE) {
                int at = offset + piece.start();
                throw compileError(cellSource, at, offset + piece.end(), at,
                        "the code is incomplete here: a closing bracket, quote or ';' is missing");
            }
            result = evalSnippet(piece, code.substring(piece.start(), piece.end()), offset, cell, cellSource);
        }
        return result;
    }

    private Result evalSnippet(Piece piece, String text, int offset, int cell, String cellSource) {
        int start = offset + piece.start();
        List<SnippetEvent> events = shell.eval(piece.source());
        Result result = Result.NONE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            // Stack frames count lines from the snippet's first token, diagnostics from its start.
            origins.put(snippet.id(), new Origin(cell, cellSource, firstToken(cellSource, start)));
            if (event.status() == Snippet.Status.REJECTED) {
                throw compileError(snippet, cellSource, start, piece);
            }
            if (event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                throw unresolved((DeclarationSnippet) snippet, cellSource, start);
            }
            if (control.stopRequested()) {
                throw interrupted();
            }
            if (event.exception() != null) {
                throw runtimeError(event.exception(), cell);
            }
            if (showsValue(snippet, text)) {
                Object value = control.lastValue();
                result = value == null ? Result.NONE : new Result(true, value);
            }
        }
        return result;
    }

    /** An expression's value is the cell's result, unless a ';' ends it (as in IPython). */
    private static boolean showsValue(Snippet snippet, String text) {
        boolean expression = snippet.kind() == Snippet.Kind.EXPRESSION
                && snippet.subKind() != Snippet.SubKind.ASSIGNMENT_SUBKIND
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        return expression && !withoutTrailingComment(text).endsWith(";");
    }

    private static String withoutTrailingComment(String text) {
        String t = text.strip();
        int lastLine = t.lastIndexOf('\n') + 1;
        int comment = t.indexOf("//", lastLine);
        if (comment >= 0 && t.lastIndexOf('"') < comment) {
            t = t.substring(0, comment).strip();
        }
        return t;
    }

    /** The position of the first character after blanks and comments. */
    static int firstToken(String text, int from) {
        int i = from;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else if (text.startsWith("//", i)) {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? text.length() : nl + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else {
                break;
            }
        }
        return Math.min(i, text.length());
    }

    /** Cuts code into JShell snippets, with offsets into the code. */
    private List<Piece> pieces(String code) {
        List<Piece> pieces = new ArrayList<>();
        int pos = 0;
        while (pos < code.length()) {
            String rest = code.substring(pos);
            if (rest.isBlank()) {
                break;
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE
                    || info.source() == null) {
                pieces.add(new Piece(pos, code.length(), rest, c));
                break;
            }
            int consumed = rest.length() - info.remaining().length();
            if (consumed <= 0) {
                consumed = rest.length();
            }
            pieces.add(new Piece(pos, pos + consumed, info.source(), c));
            pos += consumed;
        }
        return pieces;
    }

    // ---------------------------------------------------------------- errors

    private CellError interrupted() {
        if (control.timedOut()) {
            String msg = "the cell ran longer than IJAVA_TIMEOUT (" + control.timeoutMillis() + " ms) and was stopped";
            return new CellError("TimeoutException", msg, List.of("TimeoutException: " + msg));
        }
        String msg = "the cell was interrupted; earlier cells' variables are kept";
        return new CellError("InterruptedException", msg, List.of("Interrupted: " + msg));
    }

    private CellError compileError(Snippet snippet, String cellSource, int start, Piece piece) {
        List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        if (errors.isEmpty()) {
            return compileError(cellSource, start, offsetEnd(start, piece), start, "the code does not compile");
        }
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag d : errors) {
            String message = d.getMessage(Locale.ENGLISH);
            if (first == null) {
                first = message;
            }
            int from = position(d.getStartPosition(), d.getPosition());
            int to = position(d.getEndPosition(), from + 1);
            lines.addAll(pointAt(cellSource, start + from, start + Math.max(to, from + 1), message));
        }
        return new CellError("CompilationException", firstLine(first), lines);
    }

    private static int offsetEnd(int start, Piece piece) {
        return start + (piece.end() - piece.start());
    }

    private static int position(long preferred, long fallback) {
        if (preferred >= 0) {
            return (int) preferred;
        }
        return fallback >= 0 ? (int) fallback : 0;
    }

    private CellError compileError(String cellSource, int from, int to, int at, String message) {
        return new CellError("CompilationException", message, pointAt(cellSource, at, Math.max(to, at + 1), message));
    }

    /** "line N: <code>" with the span underlined, then the message. */
    private static List<String> pointAt(String cellSource, int from, int to, String message) {
        from = Math.max(0, Math.min(from, cellSource.length()));
        to = Math.max(from + 1, Math.min(to, cellSource.length() + 1));
        int line = CellSource.lineOf(cellSource, from);
        int lineStart = cellSource.lastIndexOf('\n', from - 1) + 1;
        String text = CellSource.lineText(cellSource, line);
        int col = from - lineStart;
        int width = Math.max(1, Math.min(to - from, text.length() - col));
        String prefix = "line " + line + ": ";
        List<String> out = new ArrayList<>();
        out.add("Compile error in line " + line + " of this cell:");
        out.add("    " + prefix + text);
        out.add("    " + " ".repeat(prefix.length() + Math.max(0, col)) + "^".repeat(width));
        for (String m : message.split("\n")) {
            out.add("    " + m);
        }
        return out;
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private CellError unresolved(DeclarationSnippet snippet, String cellSource, int start) {
        String missing = String.join(", ", shell.unresolvedDependencies(snippet).collect(Collectors.toList()));
        String msg = "cannot find symbol: " + missing;
        return compileError(cellSource, start, start + snippet.source().length(), start, msg);
    }

    private CellError runtimeError(JShellException e, int cell) {
        if (e instanceof UnresolvedReferenceException ure) {
            DeclarationSnippet s = ure.getSnippet();
            String missing = String.join(", ", shell.unresolvedDependencies(s).collect(Collectors.toList()));
            String msg = "'" + name(s) + "' cannot be used until " + missing + " is declared";
            return new CellError("UnresolvedReferenceException", msg, List.of(msg));
        }
        String className = e instanceof EvalException ee ? ee.getExceptionClassName() : e.getClass().getName();
        String message = e.getMessage() == null ? "" : e.getMessage();
        List<String> lines = new ArrayList<>();
        appendTrace(lines, e, cell, "");
        if (className.equals(SystemExit.class.getName())) {
            // Reported as IPython reports SystemExit; the kernel and its variables stay.
            lines.set(0, "SystemExit: " + message);
            return new CellError("SystemExit", message, lines);
        }
        return new CellError(className, message, lines);
    }

    private static String name(DeclarationSnippet s) {
        return s instanceof VarSnippet v ? v.name() : s.name();
    }

    private void appendTrace(List<String> lines, Throwable e, int cell, String heading) {
        String className = e instanceof EvalException ee ? ee.getExceptionClassName() : e.getClass().getName();
        lines.add(heading + className + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        List<String> cellFrames = new ArrayList<>();
        List<String> libraryFrames = new ArrayList<>();
        for (StackTraceElement f : e.getStackTrace()) {
            String file = f.getFileName();
            Origin origin = file != null && file.startsWith("#") ? origins.get(file.substring(1)) : null;
            if (origin != null) {
                int line = CellSource.lineOf(origin.cellSource(), origin.offset()) + f.getLineNumber() - 1;
                String where = origin.cell() == cell ? "this cell" : "cell [" + origin.cell() + "]";
                String method = f.getMethodName().isEmpty() ? "" : " in " + qualified(f) + "()";
                cellFrames.add("    at line " + line + " of " + where + method + ": "
                        + CellSource.lineText(origin.cellSource(), line).strip());
            } else if (!isPlumbing(f)) {
                libraryFrames.add("    at " + f);
            }
        }
        lines.addAll(cellFrames);
        if (!libraryFrames.isEmpty()) {
            lines.add("  in libraries (innermost first):");
            lines.addAll(libraryFrames.subList(0, Math.min(LIBRARY_FRAMES, libraryFrames.size())));
            if (libraryFrames.size() > LIBRARY_FRAMES) {
                lines.add("    ... " + (libraryFrames.size() - LIBRARY_FRAMES) + " more");
            }
        }
        if (e.getCause() != null && e.getCause() != e) {
            appendTrace(lines, e.getCause(), cell, "Caused by: ");
        }
    }

    private static String qualified(StackTraceElement f) {
        return f.getClassName().isEmpty() ? f.getMethodName() : f.getClassName() + "." + f.getMethodName();
    }

    private static boolean isPlumbing(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.Method")
                || c.startsWith("org.ganbook.kernel.") || c.startsWith("jdk.jshell.");
    }

    // ---------------------------------------------------------------- analysis

    /** Candidates at the cursor: [start of the replaced text, matches...]. */
    List<String> complete(String code, int cursor, int[] replaceStart) {
        String java = CellSource.codeOnly(code);
        cursor = Math.max(0, Math.min(cursor, java.length()));
        Piece piece = pieceAt(java, cursor);
        String text = java.substring(piece.start(), Math.max(cursor, piece.start()));
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(text, text.length(), anchor);
        Set<String> matches = new LinkedHashSet<>();
        boolean anyMatching = suggestions.stream().anyMatch(SourceCodeAnalysis.Suggestion::matchesType);
        for (SourceCodeAnalysis.Suggestion s : suggestions) {
            if (!anyMatching || s.matchesType()) {
                matches.add(s.continuation());
            }
        }
        replaceStart[0] = piece.start() + anchor[0];
        return new ArrayList<>(matches);
    }

    /** Signatures (and type or value) of what the cursor is on, or empty. */
    Optional<String> inspect(String code, int cursor, boolean detail) {
        String java = CellSource.codeOnly(code);
        // Frontends may send a cursor past the end: clamp it, JShell does not.
        cursor = Math.max(0, Math.min(cursor, java.length()));
        int end = cursor;
        while (end < java.length() && Character.isJavaIdentifierPart(java.charAt(end))) {
            end++;
        }
        int begin = cursor;
        while (begin > 0 && Character.isJavaIdentifierPart(java.charAt(begin - 1))) {
            begin--;
        }
        Piece piece = pieceAt(java, Math.max(begin, 0));
        String head = java.substring(piece.start(), Math.max(end, piece.start()));
        List<String> found = new ArrayList<>();
        List<SourceCodeAnalysis.Documentation> docs = documentation(head, detail);
        if (docs.isEmpty()) {
            docs = documentation(head + "(", detail);
        }
        for (SourceCodeAnalysis.Documentation d : docs) {
            found.add(d.signature());
            if (detail && d.javadoc() != null && !d.javadoc().isBlank()) {
                found.add(d.javadoc());
            }
        }
        String word = java.substring(begin, end);
        if (found.isEmpty() && !word.isEmpty()) {
            shell.variables().filter(v -> v.name().equals(word) && shell.status(v).isActive()).forEach(v ->
                    found.add(v.typeName() + " " + v.name() + " = " + shell.varValue(v)));
        }
        if (found.isEmpty() && !head.isBlank()) {
            String type = analysis.analyzeType(head, head.length());
            if (type != null && !type.isBlank()) {
                found.add(type);
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", found));
    }

    private List<SourceCodeAnalysis.Documentation> documentation(String text, boolean detail) {
        try {
            return analysis.documentation(text, text.length(), detail);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** "complete", "invalid", or the indent of the next line when more is needed. */
    String isComplete(String code) {
        String java = CellSource.codeOnly(code);
        String rest = java;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return indentAfter(java);
                case UNKNOWN:
                    return BaseKernelStatus.INVALID;
                case EMPTY:
                    return BaseKernelStatus.COMPLETE;
                default:
                    if (info.remaining().length() >= rest.length()) {
                        return BaseKernelStatus.COMPLETE;
                    }
                    rest = info.remaining();
            }
        }
        return BaseKernelStatus.COMPLETE;
    }

    private static String indentAfter(String code) {
        String last = CellSource.lineText(code, CellSource.lineOf(code, code.length()));
        if (last.isBlank() && code.contains("\n")) {
            String trimmed = code.stripTrailing();
            last = CellSource.lineText(trimmed, CellSource.lineOf(trimmed, trimmed.length()));
        }
        String indent = last.substring(0, last.length() - last.stripLeading().length());
        return last.stripTrailing().endsWith("{") ? indent + "    " : indent;
    }

    /** The snippet of the code that holds the position. */
    private Piece pieceAt(String code, int pos) {
        Piece last = new Piece(0, code.length(), code, Completeness.EMPTY);
        for (Piece p : pieces(code)) {
            last = p;
            if (pos <= p.end() && pos >= p.start()) {
                // A cursor right after a finished snippet belongs to the next one, if any.
                if (pos == p.end() && p.end() < code.length()) {
                    continue;
                }
                return p;
            }
        }
        return last;
    }

    @Override
    public void close() {
        shell.close();
    }

    void resetStop() {
        control.resetStop();
    }

    /** The three answers the base library knows for is_complete, besides an indent. */
    static final class BaseKernelStatus {
        static final String COMPLETE = "complete";
        static final String INVALID = "invalid";

        private BaseKernelStatus() {
        }
    }
}
