package org.ganbook.kernel;

import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the shell socket read while a cell runs, so that widgets act on a running cell.
 *
 * <p>The base library reads shell messages on one thread and runs a cell's execute request on
 * it, so everything a browser sends during a cell waits for the cell's end: a slider moved
 * during training would arrive after training. (ipykernel has the same limit: widget messages
 * are handled between cells.) While a cell runs, this pump reads the shell socket instead:
 * comm messages (the widgets' state, clicks, the control comm), comm info and kernel info are
 * handled at once; every other
 * request (the next execute, a completion) is held, in order, and handled after the cell, as it
 * would have been. The shell loop is blocked in the execute request meanwhile, so the socket
 * has one reader at a time.
 *
 * <p>Each message handled during a cell gets its busy and idle status, as between cells: the
 * widgets' front end sends a control's next change only when the kernel has said idle for the
 * last one (ipywidgets throttles to one message in flight), so without it a dragged slider would
 * reach the kernel once. A busy status for the running cell follows at once, so that the kernel
 * shows busy again while the cell goes on.
 */
final class CellMessagePump implements AutoCloseable {
    /** Handled during a cell: what widgets and a status poll need, nothing that runs code in JShell. */
    static final Set<MessageType<?>> LIVE = Set.of(MessageType.COMM_OPEN_COMMAND, MessageType.COMM_MSG_COMMAND,
            MessageType.COMM_CLOSE_COMMAND, MessageType.COMM_INFO_REQUEST, MessageType.KERNEL_INFO_REQUEST);
    /** How often an idle socket is looked at: a slider's move reaches the loop within this. */
    static final long POLL_MILLIS = 10;

    private final GanbookConnection connection;
    private final ShellChannel shell;
    private final PrintStream log;
    private final MessageContext cell;
    private final List<Message<?>> held = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private CellMessagePump(GanbookConnection connection, MessageContext cell, PrintStream log) {
        this.connection = connection;
        this.shell = connection.shell();
        this.cell = cell;
        this.log = log;
        this.thread = new Thread(this::pump, "ganbook-cell-messages");
        this.thread.setDaemon(true);
    }

    /** Starts reading for the duration of the cell of {@code cell} (its execute request); null without a connection. */
    static CellMessagePump start(GanbookConnection connection, MessageContext cell, PrintStream log) {
        if (connection == null || connection.shell() == null) return null;
        CellMessagePump pump = new CellMessagePump(connection, cell, log);
        pump.thread.start();
        return pump;
    }

    private void pump() {
        while (running) {
            try {
                if ((shell.getEvents() & ZMQ.Poller.POLLIN) == 0) {
                    Thread.sleep(POLL_MILLIS);
                    continue;
                }
                Message<?> message = shell.readMessage();
                if (LIVE.contains(message.getHeader().getType())) {
                    handle(message);
                } else {
                    synchronized (held) {
                        held.add(message);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.println("ganbook kernel: dropped a message during a cell: " + e);
            }
        }
    }

    private void handle(Message<?> message) {
        dispatch(message);
        connection.getIOPub().sendMessage(new Message<>(cell, PublishStatus.MESSAGE_TYPE, PublishStatus.BUSY));
    }

    /** What the shell loop does with a message: its handler, its reply environment, its deferred status. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void dispatch(Message<?> message) {
        ShellHandler handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            log.println("ganbook kernel: no handler for " + message.getHeader().getType().getName());
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(shell, message);
        try {
            handler.handle(env, message);
        } catch (Exception e) {
            log.println("ganbook kernel: " + message.getHeader().getType().getName() + " failed: " + e);
        } finally {
            env.resolveDeferrals();
        }
    }

    /** Stops reading (the cell has ended); returns the held requests, oldest first. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Message<?>> held() {
        synchronized (held) {
            return new ArrayList<>(held);
        }
    }

    /** Handles the held requests on the shell thread, in order, as its loop would have. */
    void handleHeld() {
        for (Message<?> message : held()) dispatch(message);
    }
}
