package org.ganbook.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stdout and stderr in bursts, in the order written, with no character cut in two. */
class CellOutputTest {

    /** Records what would be published, as "out:text" and "err:text". */
    private static final class Recorder extends ShellReplyEnvironment {
        final List<String> sent = new ArrayList<>();

        Recorder() {
            super(null, null, null, null);
        }

        @Override
        public synchronized void writeToStdOut(String msg) {
            sent.add("out:" + msg);
        }

        @Override
        public synchronized void writeToStdErr(String msg) {
            sent.add("err:" + msg);
        }

        synchronized List<String> sent() {
            return new ArrayList<>(sent);
        }
    }

    @Test
    void aBurstOfLinesIsOneMessageAndStreamsKeepTheirOrder() {
        CellOutput output = new CellOutput();
        Recorder env = new Recorder();
        output.attach(env);
        try {
            for (int i = 0; i < 20_000; i++) {
                output.out.println("line " + i);
            }
            output.out.printf("a=%d ", 1);
            output.out.printf("b=%d%n", 2);
            output.err.println("careful");
            output.out.println("after");
            output.detach();
        } finally {
            output.close();
        }
        List<String> sent = env.sent();
        // The flusher may cut the burst where a 50 ms tick falls, never into 20,000 messages.
        assertTrue(sent.size() <= 8, "20,000 lines in " + sent.size() + " messages");
        List<String> merged = new ArrayList<>();
        for (String m : sent) {
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).substring(0, 4).equals(m.substring(0, 4))) {
                merged.set(last, merged.get(last) + m.substring(4));
            } else {
                merged.add(m);
            }
        }
        StringBuilder lines = new StringBuilder("out:");
        for (int i = 0; i < 20_000; i++) {
            lines.append("line ").append(i).append('\n');
        }
        assertEquals(List.of(lines + "a=1 b=2\n", "err:careful\n", "out:after\n"), merged);
    }

    @Test
    void aLineWrittenInPiecesAcrossTicksIsOneOutput() throws InterruptedException {
        CellOutput output = new CellOutput();
        Recorder env = new Recorder();
        output.attach(env);
        try {
            output.out.println("started");
            output.out.print("20,000 iterations in ");
            Thread.sleep(4 * CellOutput.FLUSH_MILLIS);
            output.out.printf("%.1f min%n", 6.7);
            output.detach();
        } finally {
            output.close();
        }
        assertEquals(List.of("out:started\n", "out:20,000 iterations in 6.7 min\n"), env.sent());
    }

    @Test
    void anUnfinishedLineStillShowsWhileTheCellWorks() throws InterruptedException {
        CellOutput output = new CellOutput();
        Recorder env = new Recorder();
        output.attach(env);
        try {
            output.out.print("training");
            Thread.sleep(2 * CellOutput.HOLD_LINE_MILLIS);
            assertEquals(List.of("out:training"), env.sent());
            output.out.println(" done");
            output.detach();
        } finally {
            output.close();
        }
        assertEquals(List.of("out:training", "out: done\n"), env.sent());
    }

    @Test
    void aCharacterCutBetweenTwoFlushesArrivesWhole() {
        CellOutput output = new CellOutput();
        Recorder env = new Recorder();
        output.attach(env);
        try {
            byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
            output.out.write(euro, 0, 1);
            output.flush();
            output.out.write(euro, 1, euro.length - 1);
            output.out.print("\n");
            output.detach();
        } finally {
            output.close();
        }
        assertEquals("€\n", String.join("", env.sent()).replace("out:", ""));
    }

    @Test
    void unfinishedTailCountsTheBytesOfACharacterStillToCome() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // three bytes
        assertEquals(0, CellOutput.unfinishedTail("ab".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, CellOutput.unfinishedTail(euro));
        assertEquals(1, CellOutput.unfinishedTail(new byte[]{'a', euro[0]}));
        assertEquals(2, CellOutput.unfinishedTail(new byte[]{'a', euro[0], euro[1]}));
    }

    @Test
    void nothingIsSentOnceDetached() {
        CellOutput output = new CellOutput();
        Recorder env = new Recorder();
        output.attach(env);
        output.out.println("in the cell");
        output.detach();
        output.out.println("after the cell");
        output.flush();
        output.close();
        assertEquals(List.of("out:in the cell\n"), env.sent());
    }
}
