package org.ganbook.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.ganbook.widgets.Widgets;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InterruptRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The ganbook Java kernel: JShell cells in this JVM, IJava's display functions and magics, and
 * the protocol replies the base library leaves incomplete.
 */
final class GanbookKernel extends BaseKernel {

    static final String NAME = "ganbook-java";
    static final String VERSION = "0.1.0";

    /** Imports every cell sees, as IJava's; plus the display functions. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import java.util.prefs.*;",
            "import java.util.regex.*;",
            "import java.util.stream.*;",
            "import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;");

    private final CellEvaluator evaluator;
    private final KernelIO kernelIO;
    /** The cell's stdout and stderr, sent in bursts (see {@link CellOutput}). */
    private final CellOutput output = new CellOutput();
    private final CellHistory history;
    private volatile int currentCell;
    private volatile String currentSource = "";

    private GanbookKernel(KernelIO io, CellHistory history, MagicsRegistry magics, CellEvaluator evaluator) {
        super(NAME, VERSION, languageInfo(), helpLinks(), history, io, new WidgetComms.Comms(), new Renderer(),
                null, magics, true, errorStyler());
        this.kernelIO = io;
        this.history = history;
        this.evaluator = evaluator;
        Renderers.registerAll(getRenderer());
        Widgets.connect(new WidgetComms((WidgetComms.Comms) commManager), KERNEL_ERR::println);
    }

    /** The kernel's own stderr (its log): System.err points into a notebook while a cell runs. */
    private static final PrintStream KERNEL_ERR = System.err;

    /** The connection, when it is ours: its shell socket is read during cells ({@link CellMessagePump}). */
    private volatile GanbookConnection connection;

    @Override
    public void becomeHandlerForConnection(JupyterConnection jupyter) {
        super.becomeHandlerForConnection(jupyter);
        if (jupyter instanceof GanbookConnection ours) {
            this.connection = ours;
        }
    }

    static GanbookKernel create(List<String> compilerOptions, long timeoutMillis) {
        MagicsRegistry magics = new MagicsRegistry();
        Magics.registerAll(magics);
        return new GanbookKernel(new KernelIO(), new CellHistory(), magics,
                new CellEvaluator(compilerOptions, timeoutMillis));
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    private static List<HelpLink> helpLinks() {
        return List.of(new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/index.html"));
    }

    private static StringStyler errorStyler() {
        return new StringStyler.Builder().build();
    }

    // ---------------------------------------------------------------- running code

    /** Runs a cell's text: its magics and its Java, in order. Returns the value to show. */
    Object runCell(String code, int cell) {
        evaluator.resetStop();
        return runParts(code, cell);
    }

    private Object runParts(String code, int cell) {
        currentCell = cell;
        currentSource = code;
        Object value = null;
        boolean hasValue = false;
        for (CellSource.Part part : CellSource.parts(code)) {
            if (part.isMagic()) {
                value = runMagic(part, code);
                hasValue = value != null;
            } else {
                CellEvaluator.Result r = evaluator.eval(part.code(), part.offset(), cell, code);
                value = r.value();
                hasValue = r.hasValue();
            }
        }
        return hasValue ? value : null;
    }

    private Object runMagic(CellSource.Part part, String code) {
        try {
            if (part.isCellMagic()) {
                return magicsRegistry.evalCellMagic(this, part.magicName(), part.magicArgs(), part.magicBody());
            }
            return magicsRegistry.evalLineMagic(this, part.magicName(), part.magicArgs());
        } catch (CellError e) {
            throw e;
        } catch (Exception e) {
            int line = CellSource.lineOf(code, part.offset() + 1);
            String prefix = part.isCellMagic() ? "%%" : "%";
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            return throwMagicError(e, "magic " + prefix + part.magicName() + " in line " + line + " failed: " + msg);
        }
    }

    private static Object throwMagicError(Exception e, String msg) {
        throw new CellError(e.getClass().getName(), msg, List.of(e.getClass().getName() + ": " + msg));
    }

    /** For %classpath and %jars. Returns nothing to show. */
    Object addToClasspath(String path) {
        evaluator.addToClasspath(path);
        return null;
    }

    /** For %load: the file runs as the current cell would. */
    Object evalFile(Path file, String code) {
        int cell = currentCell;
        String source = currentSource;
        try {
            return runParts(code, cell);
        } finally {
            currentSource = source;
        }
    }

    /** Runs startup code (imports, IJAVA_STARTUP_SCRIPTS_PATH); failures are reported, not fatal. */
    void runStartup(String name, String code) {
        try {
            runCell(code, 0);
        } catch (RuntimeException e) {
            System.err.println("ganbook kernel: startup code " + name + " failed: " + e.getMessage());
            if (e instanceof CellError ce) {
                ce.traceback().forEach(System.err::println);
            }
        }
    }

    @Override
    public Object evalRaw(String source) {
        return runParts(source, currentCell);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return evaluator.inspect(code, at, extraDetail).map(DisplayData::new).orElse(null);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] start = new int[1];
        List<String> matches = evaluator.complete(code, at, start);
        return new ReplacementOptions(matches, start[0], Math.max(start[0], Math.min(at, code.length())));
    }

    @Override
    public String isComplete(String code) {
        return evaluator.isComplete(code);
    }

    /** A {@code display(...)} goes out after the text the cell printed before it. */
    @Override
    public void display(DisplayData data) {
        output.flush();
        super.display(data);
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        evaluator.close();
        output.close();
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellError ce) {
            return ce.traceback();
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return List.of(trace.toString().split("\n"));
    }

    // ---------------------------------------------------------------- protocol handlers

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        boolean silent = request.isSilent();
        boolean store = request.shouldStoreHistory() && !silent;
        int count = store ? executionCount.getAndIncrement() : executionCount.get();

        env.setBusyDeferIdle();
        if (!silent) {
            env.publish(new PublishExecuteInput(request.getCode(), count));
        }

        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        System.setOut(output.out);
        System.setErr(output.err);
        System.setIn(output.flushingBefore(kernelIO.in));
        kernelIO.attach(env, request.isStdinEnabled());
        output.attach(env);
        String shown = null;
        CellMessagePump pump = CellMessagePump.start(connection, message, KERNEL_ERR);
        try {
            Object value = runCell(request.getCode(), count);
            output.flush();
            if (value != null) {
                DisplayData data = value instanceof DisplayData d ? d : getRenderer().render(value);
                Object text = data.getData(MIMEType.TEXT_PLAIN);
                shown = text == null ? null : String.valueOf(text);
                output.flush();
                if (!silent) {
                    env.publish(new PublishExecuteResult(count, data));
                }
            }
            env.reply(new ExecuteReply(count, Collections.emptyMap()));
        } catch (Exception e) {
            output.flush();
            String name = e instanceof CellError ce ? ce.name() : e.getClass().getName();
            String msg = e.getMessage() == null ? "" : e.getMessage();
            List<String> traceback = formatError(e);
            env.publish(new PublishError(name, msg, traceback));
            ErrorReply error = new ErrorReply(name, msg, traceback);
            error.setExecutionCount(count);
            env.replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
        } finally {
            if (pump != null) {
                pump.close();
            }
            output.detach();
            kernelIO.detach(env);
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
            if (store) {
                history.record(count, request.getCode(), shown);
            }
        }
        if (pump != null && !pump.held().isEmpty()) {
            // This request's reply and idle go out first; then the requests that came during the cell.
            env.resolveDeferrals();
            pump.handleHeld();
        }
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new Replies.KernelInfo(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries = switch (request.getAccessType()) {
            case TAIL -> history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                HistoryRequest.Range r = (HistoryRequest.Range) request;
                yield history.lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search s = (HistoryRequest.Search) request;
                if (s.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                yield history.search(s.getPattern(), s.getMaxReturnLength(), flags);
            }
        };
        Replies.History reply = new Replies.History(entries == null ? new ArrayList<>() : entries, request.includeOutput());
        env.reply(new Message(env.getContext(), reply.getType(), reply));
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected void handleInterruptRequest(ShellReplyEnvironment env, Message<InterruptRequest> message) {
        env.setBusyDeferIdle();
        Replies.Interrupt reply = new Replies.Interrupt();
        env.defer().reply(new Message(env.getContext(), reply.getType(), reply));
        interrupt();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected void handleShutdownRequest(ShellReplyEnvironment env, Message<ShutdownRequest> message) {
        boolean restart = message.getContent().isRestart();
        env.setBusyDeferIdle();
        Replies.Shutdown reply = new Replies.Shutdown(restart);
        env.defer().reply(new Message(env.getContext(), reply.getType(), reply));
        onShutdown(restart);
        env.resolveDeferrals();
        env.markForShutdown();
    }
}
