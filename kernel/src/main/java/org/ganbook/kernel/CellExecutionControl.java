package org.ganbook.kernel;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs cells in the kernel's own JVM (JShell's local execution), on one execution thread that
 * lives from cell to cell, and keeps the value of the last expression as an object, not the
 * string JShell makes of it.
 *
 * <p>One execution thread. JShell's {@link LocalExecutionControl} runs each snippet in a fresh
 * thread. We hand it a proxy instead of the snippet's doit method: on JShell's thread the proxy
 * passes the doit method to our execution thread and waits for it. So every statement of every
 * cell runs on the same thread, and per-thread state (ND4J's random generator and workspaces, any
 * {@link ThreadLocal}) carries from statement to statement and from cell to cell, as a Python
 * learner expects: seed in one cell, draw in the next. Code a cell evaluates itself ({@code
 * eval("...")}, a {@code %load} from a cell) runs in place, on the execution thread that asked.
 * Verified on JDK 17 and 25 by CellEvaluatorTest.
 *
 * <p>Stopping a cell (an interrupt, or {@code IJAVA_TIMEOUT}). First the execution thread is
 * interrupted: a sleep, a wait or a library loop that checks {@link Thread#interrupted()} (the
 * library's trainers do) ends, and the thread, with its state, stays. What happens to a loop
 * that ignores interrupts differs by JDK:
 * <ul>
 *   <li>JDK 17 to 19: after {@value #KILL_GRACE_MILLIS} ms, {@code Thread.stop}: any loop ends,
 *       even {@code while (true) {}} inside library code. That thread is retired and the next
 *       statement runs on a new one (with fresh per-thread state).</li>
 *   <li>JDK 20 and 21: {@code Thread.stop} throws {@link UnsupportedOperationException}; only
 *       the interrupt remains.</li>
 *   <li>JDK 22+: JShell weaves a stop check into every loop of the cell's own classes (its
 *       {@code load}, which we keep); its {@code stop()} raises the flag those checks read, and
 *       they end the cell's loops on whichever thread they run, ours included.</li>
 * </ul>
 * On 20+ a loop inside library code ends only if it checks {@link Thread#interrupted()}. Until
 * the cell's statement ends the cell stays busy: it never runs on unseen in the background.
 *
 * <p>{@code System.exit} in a cell. JShell runs cells in the kernel's JVM, so {@code
 * System.exit} would end the kernel. The cell's classes are rewritten as they are loaded so that
 * their calls to {@code System.exit(int)} (and method references to it) call {@link
 * SystemExit#exit(int)}, which throws: see {@link SystemExitPatch} for why this and not a
 * SecurityManager.
 */
public final class CellExecutionControl extends LocalExecutionControl {

    /** How long an interrupted cell gets to end by itself before its thread is stopped. */
    static final long KILL_GRACE_MILLIS = 1000;

    /** {@code Thread.stop} works up to JDK 19; it throws from 20 on. */
    private static final boolean THREAD_STOP_WORKS = Runtime.version().feature() < 20;

    // The control and the doit method JShell asked us to run: the proxy below runs on the snippet
    // thread that LocalExecutionControl creates, which can only call a no-arg static method.
    private static volatile CellExecutionControl active;
    private static volatile Method pendingDoit;

    private final long timeoutMillis;
    private final ScheduledExecutorService timer;
    private final ThreadGroup cellThreads = new ThreadGroup("ganbook cells");
    private final AtomicInteger threadsMade = new AtomicInteger();
    /** The latest class of each snippet, by its first name ($JShell$41 for $JShell$41B too). */
    private final Map<String, Class<?>> snippetClasses = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile ExecutionThread thread;
    private volatile Task running;
    private volatile Object lastValue;
    private volatile boolean stopRequested;
    private volatile boolean timedOut;
    private volatile boolean closed;

    CellExecutionControl(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ganbook-cell-timer");
            t.setDaemon(true);
            return t;
        });
    }

    // ---------------------------------------------------------------- loading

    @Override
    public void load(ClassBytecodes[] cbcs)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.load(patched(cbcs));
        for (ClassBytecodes c : cbcs) {
            carryVariablesOver(c.name());
        }
    }

    /**
     * Keeps a variable's value when JShell recompiles its declaration. A new import (or a new
     * declaration a snippet depends on) makes JShell recompile earlier snippets and redefine their
     * classes; local execution cannot redefine a class, so JShell loads the recompiled one under a
     * new name ({@code $JShell$41} becomes {@code $JShell$41B}) whose variables start at null or 0:
     * a learner's {@code var ring} would be lost to an import two cells later. The new class's
     * static fields take the old class's values where the types still agree. A declaration the
     * learner writes again is a new snippet with a new name, so its initializer decides its value.
     */
    private void carryVariablesOver(String name) {
        int dollar = name.lastIndexOf('$');
        if (dollar < 0 || !name.startsWith("REPL.$JShell$")) {
            return;
        }
        String suffix = name.substring(dollar + 1);
        String number = suffix.replaceAll("[A-Z]+$", "");
        if (number.isEmpty() || !number.chars().allMatch(Character::isDigit)) {
            return;   // a class nested in a snippet (REPL.$JShell$38$Run) holds no variables
        }
        Class<?> now;
        try {
            now = findClass(name);
        } catch (ClassNotFoundException e) {
            return;
        }
        Class<?> before = snippetClasses.put(name.substring(0, dollar + 1) + number, now);
        if (before == null || before == now) {
            return;
        }
        for (Field old : before.getDeclaredFields()) {
            if (!Modifier.isStatic(old.getModifiers()) || old.isSynthetic()) {
                continue;
            }
            try {
                Field field = now.getDeclaredField(old.getName());
                if (!Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
                    continue;
                }
                old.setAccessible(true);
                field.setAccessible(true);
                Object value = old.get(null);
                boolean fits = field.getType().isPrimitive()
                        ? field.getType() == old.getType()
                        : value == null || field.getType().isInstance(value);
                if (fits) {
                    field.set(null, value);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // The field is gone or changed: the variable starts afresh, as JShell would have it.
            }
        }
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.redefine(patched(cbcs));
    }

    private static ClassBytecodes[] patched(ClassBytecodes[] cbcs) {
        return Arrays.stream(cbcs)
                .map(c -> new ClassBytecodes(c.name(), SystemExitPatch.patch(c.bytecodes())))
                .toArray(ClassBytecodes[]::new);
    }

    // ---------------------------------------------------------------- running

    /** Called on JShell's snippet thread, in place of the doit method: runs it on our thread. */
    public static Object runPendingDoit() throws Throwable {
        return active.runOnExecutionThread(pendingDoit);
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (Thread.currentThread() == thread) {
            // A cell's own eval("...") or %load: the execution thread is busy with the cell that
            // asked, so the code runs in place, on it, as part of that statement.
            Object value = doitMethod.invoke(null);
            lastValue = value;
            return valueString(value);
        }
        active = this;
        pendingDoit = doitMethod;
        lastValue = null;
        ScheduledFuture<?> timeout = timeoutMillis > 0
                ? timer.schedule(this::timeOut, timeoutMillis, TimeUnit.MILLISECONDS)
                : null;
        try {
            Method proxy = CellExecutionControl.class.getMethod("runPendingDoit");
            return super.invoke(proxy);
        } finally {
            if (timeout != null) {
                timeout.cancel(false);
            }
            pendingDoit = null;
        }
    }

    private Object runOnExecutionThread(Method doit) throws Throwable {
        ExecutionThread t = executionThread();
        Task task = new Task(doit);
        // running first, stopRequested second; stop() writes and reads them the other way round,
        // so a stop either sees this statement or keeps it from starting.
        running = task;
        try {
            if (stopRequested) {
                // Interrupted while JShell compiled this statement: it does not start.
                task.finish(null, new ThreadDeath());
            } else {
                t.tasks.add(task);
                task.await(t);
            }
        } finally {
            running = null;
        }
        if (task.failure != null) {
            throw task.failure;
        }
        lastValue = task.value;
        return task.value;
    }

    /** The execution thread, made on first use and after a stopped one was retired. */
    private synchronized ExecutionThread executionThread() {
        ExecutionThread t = thread;
        if (t == null || t.retired || !t.isAlive()) {
            if (closed) {
                throw new IllegalStateException("the kernel is shutting down");
            }
            t = new ExecutionThread(cellThreads, "ganbook-cell-" + threadsMade.incrementAndGet());
            t.start();
            thread = t;
        }
        return t;
    }

    /** The one thread cells run on; it takes statements from its queue until it is retired. */
    private static final class ExecutionThread extends Thread {
        final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
        volatile boolean retired;

        ExecutionThread(ThreadGroup group, String name) {
            super(group, name);
            // Not a daemon, as JShell's own snippet threads; threads a cell starts inherit this.
            setDaemon(false);
        }

        @Override
        public void run() {
            while (!retired) {
                try {
                    Task task = tasks.take();
                    // An interrupt aimed at an earlier statement must not reach this one; one
                    // aimed at this statement before it started must.
                    Thread.interrupted();
                    if (task.stopped) {
                        interrupt();
                    }
                    task.run();
                } catch (InterruptedException e) {
                    // retired, or an interrupt that came after its statement had ended
                } catch (Throwable stray) {
                    // a Thread.stop that landed between statements: this thread is retired
                }
            }
        }
    }

    /** One doit call: its value or its exception, and whether it is done. */
    private static final class Task {
        private final Method doit;
        volatile boolean stopped;
        private Object value;
        private Throwable failure;
        private boolean done;

        Task(Method doit) {
            this.doit = doit;
        }

        void run() {
            Object v = null;
            Throwable f = null;
            try {
                v = doit.invoke(null);
            } catch (InvocationTargetException e) {
                // Rethrown bare, so LocalExecutionControl sees the cell's own exception.
                f = e.getCause();
            } catch (Throwable e) {
                f = e;
            }
            finish(v, f);
        }

        synchronized void finish(Object v, Throwable f) {
            if (!done) {
                value = v;
                failure = f;
                done = true;
                notifyAll();
            }
        }

        synchronized boolean isDone() {
            return done;
        }

        /**
         * Waits for the statement, through interrupts (JShell's stop interrupts the waiting
         * thread on JDK 22+): the cell stays busy until its statement has ended.
         */
        synchronized void await(ExecutionThread t) {
            while (!done) {
                try {
                    wait(100);
                } catch (InterruptedException ignored) {
                    // keep waiting: the statement itself was told to stop
                }
                if (!done && !t.isAlive()) {
                    // Stopped before it could report: the statement ended with the thread.
                    finish(null, new ThreadDeath());
                }
            }
        }
    }

    // ---------------------------------------------------------------- stopping

    private void timeOut() {
        timedOut = true;
        try {
            stop();
        } catch (ExecutionControl.ExecutionControlException ignored) {
            // nothing runs any more
        }
    }

    @Override
    public void stop() throws EngineTerminationException, InternalException {
        stopRequested = true;
        ExecutionThread t = thread;
        Task task = running;
        if (t == null || task == null) {
            return;
        }
        task.stopped = true;
        t.interrupt();
        if (THREAD_STOP_WORKS) {
            timer.schedule(() -> kill(t, task), KILL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            try {
                // JDK 22+: raises the flag the stop checks woven into the cell's loops read.
                super.stop();
            } catch (UnsupportedOperationException noThreadStop) {
                // JDK 20/21: ThreadGroup.stop is gone; the interrupt above is all there is.
            }
        }
    }

    /** JDK 17 to 19: ends a statement that ignored the interrupt, and retires its thread. */
    @SuppressWarnings({"deprecation", "removal"})
    private void kill(ExecutionThread t, Task task) {
        if (task.isDone()) {
            return;
        }
        t.retired = true;
        t.stop();
    }

    /** The value the last doit returned (null for statements and declarations). */
    Object lastValue() {
        return lastValue;
    }

    /** Clears the stop and timeout marks before a cell. */
    void resetStop() {
        stopRequested = false;
        timedOut = false;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    boolean timedOut() {
        return timedOut;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        ExecutionThread t = thread;
        if (t != null) {
            t.retired = true;
            t.interrupt();
        }
        super.close();
    }

    /** Hands JShell the one control the kernel keeps a reference to. */
    static final class Provider implements ExecutionControlProvider {
        private final CellExecutionControl control;

        Provider(CellExecutionControl control) {
            this.control = control;
        }

        @Override
        public String name() {
            return "ganbook-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
