package org.ganbook.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A cell's stdout and stderr, buffered and sent as Jupyter stream messages every {@value
 * #FLUSH_MILLIS} ms and when the cell ends, as ipykernel does: a burst of prints is one output,
 * not one message per line (20,000 {@code println}s took minutes that way).
 *
 * <p>Order. Both streams write into one queue of chunks; a chunk grows while the same stream
 * writes, and a write to the other stream starts a new one. A flush sends the chunks in the order
 * they were written, so stdout and stderr interleave as the cell wrote them. The kernel flushes
 * before anything else it publishes for the cell (a {@code display}, the result, an error) and
 * before a read from stdin (so that a prompt shows). An explicit {@code System.out.flush()} sends
 * at once; so does a buffer past {@value #SEND_AT_BYTES} bytes, which holds back a cell that
 * prints faster than the frontend can take.
 *
 * <p>Lines. A {@code printf} reaches the buffer in pieces (each literal and each formatted value is
 * a write of its own), so a tick that sent everything could cut a line in two, and the notebook
 * would store "20,000 iterations in " and "6.7 min" as two outputs. A tick therefore sends whole
 * lines only and keeps an unfinished last line back, for at most {@value #HOLD_LINE_MILLIS} ms, so
 * that a progress line printed without a newline still shows while the cell works.
 */
final class CellOutput {

    static final long FLUSH_MILLIS = 50;
    static final int SEND_AT_BYTES = 1 << 20;
    static final long HOLD_LINE_MILLIS = 1000;

    private enum Stream { OUT, ERR }

    private static final class Chunk {
        final Stream stream;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

        Chunk(Stream stream) {
            this.stream = stream;
        }
    }

    /** Guards the chunks; held only to append or take them, never while sending. */
    private final Object buffer = new Object();
    /** Held while chunks are taken and sent, so that two flushes never reorder them. */
    private final Object sending = new Object();
    private List<Chunk> chunks = new ArrayList<>();
    private int pendingBytes;
    /** When a tick first kept the current unfinished line back ({@code System.nanoTime}), or -1. */
    private long lineHeldSince = -1;
    private ShellReplyEnvironment env;
    private ScheduledFuture<?> ticking;
    private final ScheduledExecutorService flusher;

    /** The cell's {@code System.out} and {@code System.err}. */
    final PrintStream out;
    final PrintStream err;

    CellOutput() {
        this.out = new PrintStream(new Sink(Stream.OUT), false, StandardCharsets.UTF_8);
        this.err = new PrintStream(new Sink(Stream.ERR), false, StandardCharsets.UTF_8);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ganbook-output-flush");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sending into the request's environment, every {@value #FLUSH_MILLIS} ms. */
    void attach(ShellReplyEnvironment target) {
        synchronized (sending) {
            synchronized (buffer) {
                chunks = new ArrayList<>();
                pendingBytes = 0;
            }
            env = target;
            ticking = flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_MILLIS, FLUSH_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Sends what is left and stops: later writes (a thread the cell left running) are dropped. */
    void detach() {
        out.flush();
        err.flush();
        synchronized (sending) {
            if (ticking != null) {
                ticking.cancel(false);
                ticking = null;
            }
            flush();
            env = null;
        }
    }

    /** Sends the buffered text now, in the order it was written. */
    void flush() {
        send(false);
    }

    private void send(boolean wholeLinesOnly) {
        synchronized (sending) {
            List<Chunk> taken = take(wholeLinesOnly);
            ShellReplyEnvironment target = env;
            if (target == null) {
                return;
            }
            for (Chunk c : taken) {
                String text = c.bytes.toString(StandardCharsets.UTF_8);
                if (text.isEmpty()) {
                    continue;
                }
                if (c.stream == Stream.OUT) {
                    target.writeToStdOut(text);
                } else {
                    target.writeToStdErr(text);
                }
            }
        }
    }

    private void flushQuietly() {
        try {
            send(true);
        } catch (RuntimeException e) {
            // A failed send must not end the ticking; the cell's next flush tries again.
        }
    }

    /**
     * Takes the chunks to send. What stays for a later flush: an unfinished UTF-8 character at the
     * very end, and, when {@code wholeLinesOnly} (a tick), an unfinished last line that has waited
     * less than {@value #HOLD_LINE_MILLIS} ms.
     */
    private List<Chunk> take(boolean wholeLinesOnly) {
        synchronized (buffer) {
            List<Chunk> taken = chunks;
            chunks = new ArrayList<>();
            pendingBytes = 0;
            if (taken.isEmpty()) {
                return taken;
            }
            Chunk last = taken.get(taken.size() - 1);
            byte[] bytes = last.bytes.toByteArray();
            int keep = unfinishedTail(bytes);
            int lineTail = bytes.length - (lastNewline(bytes) + 1);
            if (wholeLinesOnly && lineTail > 0) {
                long now = System.nanoTime();
                boolean sameLineAsBefore = taken.size() == 1 && lineTail == bytes.length;
                if (!sameLineAsBefore || lineHeldSince < 0) {
                    lineHeldSince = now;
                }
                if (now - lineHeldSince < TimeUnit.MILLISECONDS.toNanos(HOLD_LINE_MILLIS)) {
                    keep = lineTail;
                } else {
                    lineHeldSince = -1;
                }
            } else {
                lineHeldSince = -1;
            }
            if (keep > 0) {
                last.bytes.reset();
                last.bytes.write(bytes, 0, bytes.length - keep);
                Chunk rest = new Chunk(last.stream);
                rest.bytes.write(bytes, bytes.length - keep, keep);
                chunks.add(rest);
                pendingBytes = keep;
            }
            return taken;
        }
    }

    private static int lastNewline(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** How many bytes at the end begin a UTF-8 character whose other bytes have not come yet. */
    static int unfinishedTail(byte[] b) {
        for (int i = 1; i <= Math.min(3, b.length); i++) {
            int c = b[b.length - i] & 0xFF;
            if ((c & 0xC0) == 0x80) {
                continue; // a continuation byte: look further back for the lead
            }
            int length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
            return length > i ? i : 0;
        }
        return 0;
    }

    private void write(Stream stream, byte[] b, int off, int len) {
        boolean full;
        synchronized (buffer) {
            Chunk last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
            if (last == null || last.stream != stream) {
                last = new Chunk(stream);
                chunks.add(last);
            }
            last.bytes.write(b, off, len);
            pendingBytes += len;
            full = pendingBytes >= SEND_AT_BYTES;
        }
        if (full) {
            flush();
        }
    }

    /** {@code System.in} for a cell: sends the buffered output before it waits for input. */
    InputStream flushingBefore(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                flush();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                flush();
                return super.read(b, off, len);
            }
        };
    }

    void close() {
        flusher.shutdownNow();
    }

    /** One stream's bytes, into the shared queue; {@code flush()} sends everything now. */
    private final class Sink extends OutputStream {
        private final Stream stream;

        Sink(Stream stream) {
            this.stream = stream;
        }

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > 0) {
                CellOutput.this.write(stream, b, off, len);
            }
        }

        @Override
        public void flush() {
            CellOutput.this.flush();
        }
    }
}
