package org.ganbook.kernel;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs cells in the kernel's own JVM (JShell's local execution), so that a cell's objects live
 * next to the renderers, and keeps the value of the last expression as an object, not the string
 * JShell makes of it.
 *
 * <p>Stopping a cell. JShell's {@link LocalExecutionControl} runs each snippet in a fresh thread
 * of its own thread group and waits for that group. Its {@code stop()} differs by JDK:
 * <ul>
 *   <li>JDK 17 to 19: {@code ThreadGroup.stop()}, i.e. {@code Thread.stop}: any loop ends, even
 *       {@code while (true) {}} inside library code.</li>
 *   <li>JDK 20 and 21: {@code Thread.stop} throws {@link UnsupportedOperationException}; we catch it
 *       and interrupt the cell's threads instead.</li>
 *   <li>JDK 22+: JShell weaves a stop check into every loop of the cell's own classes, and
 *       interrupts the cell's threads.</li>
 * </ul>
 * On 20+ a loop inside library code ends only if it checks {@link Thread#interrupted()}: that
 * cooperative check in the library's trainers is what stops training there. Until the thread
 * ends the cell stays busy: it never runs on unseen in the background.
 */
public final class CellExecutionControl extends LocalExecutionControl {

    // The doit method JShell asked us to run, and what it returned: the proxy below runs on the
    // snippet thread that LocalExecutionControl creates, which can only call a no-arg static.
    private static volatile Method pendingDoit;
    private static volatile Object lastValue;
    private static volatile Thread cellThread;

    private final long timeoutMillis;
    private final ScheduledExecutorService timer;
    private volatile boolean stopRequested;
    private volatile boolean timedOut;

    // Public (class and method): JShell's module calls runPendingDoit reflectively.
    CellExecutionControl(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ganbook-cell-timeout");
            t.setDaemon(true);
            return t;
        });
    }

    /** Called on the snippet thread by LocalExecutionControl, in place of the doit method. */
    public static Object runPendingDoit() throws Throwable {
        cellThread = Thread.currentThread();
        try {
            Object value = pendingDoit.invoke(null);
            lastValue = value;
            return value;
        } catch (InvocationTargetException e) {
            // Rethrown bare, so LocalExecutionControl sees the cell's own exception.
            throw e.getCause();
        } finally {
            cellThread = null;
        }
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
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
        try {
            super.stop();
        } catch (UnsupportedOperationException noThreadStop) {
            // JDK 20/21: Thread.stop is gone. Interrupt the cell's threads; library loops that
            // check Thread.interrupted() end, the cell stays busy until they do.
            Thread t = cellThread;
            if (t != null) {
                ThreadGroup group = t.getThreadGroup();
                if (group != null) {
                    Thread[] threads = new Thread[group.activeCount() + 4];
                    int n = group.enumerate(threads);
                    for (int i = 0; i < n; i++) {
                        threads[i].interrupt();
                    }
                } else {
                    t.interrupt();
                }
            }
        }
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
        timer.shutdownNow();
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
