package org.ganbook.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluator without Jupyter: values, errors pointing into the cell, completeness. */
class CellEvaluatorTest {

    private static CellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new CellEvaluator(List.of(), -1);
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static CellEvaluator.Result eval(String code, int cell) {
        return evaluator.eval(code, 0, cell, code);
    }

    @Test
    void lastExpressionIsTheValueUnlessASemicolonEndsIt() {
        assertEquals(42, eval("int x = 41;\nx + 1", 1).value());
        assertFalse(eval("int y = 2;\ny + 1;", 2).hasValue());
        assertFalse(eval("int z = 3;", 3).hasValue());
    }

    @Test
    void aVariableKeepsItsValueWhenJShellRecompilesItsDeclaration() {
        // A new declaration or import makes JShell recompile the snippets that depend on it, and
        // local execution loads the recompiled classes afresh: the variables must keep their values
        // (chapter 05 lost a mixture this way to an import two cells later).
        eval("int seven() { return 7; }\nvar kept = seven();\nvar list = new java.util.ArrayList<>(java.util.List.of(seven()));", 40);
        eval("int seven() { return 8; }", 41);
        assertEquals(7, eval("kept", 42).value());
        assertEquals(List.of(7), eval("list", 43).value());
        assertEquals(8, eval("seven()", 44).value());
        eval("var kept = seven();", 45);   // written again: its initializer decides
        assertEquals(8, eval("kept", 46).value());
    }

    @Test
    void compileErrorShowsTheLineAndSpan() {
        String code = "int a = 1;\n\nString s = a;";
        CellError e = assertThrows(CellError.class, () -> eval(code, 4));
        assertEquals("CompilationException", e.name());
        assertTrue(e.traceback().get(0).contains("line 3"), e.traceback().toString());
        String source = e.traceback().get(1);
        String caret = e.traceback().get(2);
        assertEquals(source.indexOf("a;"), caret.indexOf('^'));
    }

    @Test
    void runtimeErrorListsTheCellsFramesFirst() {
        eval("int half(int n) {\n  return n / 0;\n}", 5);
        CellError e = assertThrows(CellError.class, () -> eval("int m = 4;\n// why\nhalf(m)", 6));
        assertEquals("java.lang.ArithmeticException", e.name());
        List<String> tb = e.traceback();
        assertEquals("java.lang.ArithmeticException: / by zero", tb.get(0));
        assertTrue(tb.get(1).contains("line 2 of cell [5] in half(): return n / 0;"), tb.toString());
        assertTrue(tb.get(2).contains("line 3 of this cell: half(m)"), tb.toString());
    }

    @Test
    void completenessAnswersCompleteIncompleteAndInvalid() {
        assertEquals("complete", evaluator.isComplete("int q = 1;\nq + 1"));
        assertEquals("complete", evaluator.isComplete("%classpath /tmp\n1"));
        assertEquals("    ", evaluator.isComplete("for (int i = 0; i < 2; i++) {"));
        assertEquals("invalid", evaluator.isComplete("int w = ;"));
        assertEquals("invalid", evaluator.isComplete("}"));
    }

    @Test
    void completionAndInspection() {
        int[] start = new int[1];
        assertEquals(List.of("System"), evaluator.complete("int k = 0;\nSyste", 16, start));
        assertEquals(11, start[0]);
        assertTrue(evaluator.inspect("Math.max", 100, false).orElseThrow().contains("Math.max(int a, int b)"));
    }

    @Test
    void magicsAreCutOutOfTheCode() {
        List<CellSource.Part> parts = CellSource.parts("int a = 1;\n%jars lib/*.jar \"a b.jar\"\na");
        assertEquals(3, parts.size());
        assertEquals("jars", parts.get(1).magicName());
        assertEquals(List.of("lib/*.jar", "a b.jar"), parts.get(1).magicArgs());
        assertEquals(Set.of("a"), Set.of(parts.get(2).code().strip()));
        assertEquals("load", CellSource.parts("%%load x\nbody").get(0).magicName());
        assertEquals(1, CellSource.parts("String s = \"\"\"\n%not a magic\n\"\"\";").size());
    }

    @Test
    void everyStatementRunsOnOneThreadSoThreadLocalsCarryOver() {
        eval("ThreadLocal<java.util.Random> rng = ThreadLocal.withInitial(java.util.Random::new);", 20);
        eval("rng.get().setSeed(7);", 21);
        Object first = eval("rng.get().nextLong()", 22).value();
        eval("rng.get().setSeed(7);", 23);
        Object second = eval("rng.get().nextLong()", 24).value();
        assertEquals(new java.util.Random(7).nextLong(), first);
        assertEquals(first, second);
        // Statements of one cell, too.
        assertEquals(first, eval("rng.get().setSeed(7);\nrng.get().nextLong()", 25).value());
        assertSame(eval("Thread.currentThread()", 26).value(), eval("Thread.currentThread()", 27).value());
    }

    @Test
    void systemExitIsAnErrorOfTheCellAndTheStateStays() {
        eval("int survivor = 11;", 30);
        CellError e = assertThrows(CellError.class, () -> eval("int a = 1;\nSystem.exit(3);", 31));
        assertEquals("SystemExit", e.name());
        assertEquals("System.exit(3) called: use Kernel > Restart", e.getMessage());
        assertEquals("SystemExit: System.exit(3) called: use Kernel > Restart", e.traceback().get(0));
        assertTrue(e.traceback().get(1).contains("line 2 of this cell: System.exit(3);"), e.traceback().toString());
        assertEquals(11, eval("survivor", 32).value());

        // catch (Exception) does not swallow it, a method reference and a method are rewritten too.
        assertEquals("SystemExit", assertThrows(CellError.class, () ->
                eval("try { System.exit(4); } catch (Exception ignored) { }", 33)).name());
        assertEquals("SystemExit", assertThrows(CellError.class, () ->
                eval("java.util.function.IntConsumer quit = System::exit;\nquit.accept(5);", 34)).name());
        eval("void leave() { System.exit(6); }", 35);
        assertEquals("System.exit(6) called: use Kernel > Restart",
                assertThrows(CellError.class, () -> eval("leave();", 36)).getMessage());
        assertEquals(11, eval("survivor", 37).value());
    }

    @Test
    void interruptEndsACooperativeLoopOnTheSameThreadAndABusyLoopOnANewOne() throws Exception {
        eval("int keptAcrossInterrupts = 5;", 40);
        Object before = eval("Thread.currentThread()", 41).value();

        // A loop that checks the interrupt ends by itself: the thread and its state stay.
        CellError e = interruptWhenStarted("while (!Thread.currentThread().isInterrupted()) { }", 42);
        assertEquals("InterruptedException", e.name());
        assertSame(before, eval("Thread.currentThread()", 43).value());

        // One that does not is stopped (JDK 17 to 19: Thread.stop); the next cell runs on a new thread.
        e = interruptWhenStarted("while (true) { }", 44);
        assertEquals("InterruptedException", e.name());
        assertEquals(5, eval("keptAcrossInterrupts", 45).value());
        Object after = eval("Thread.currentThread()", 46).value();
        if (Runtime.version().feature() < 20) {
            assertNotSame(before, after);
        }
        assertSame(after, eval("Thread.currentThread()", 47).value());
        assertFalse((Boolean) eval("Thread.currentThread().isInterrupted()", 48).value(),
                "an interrupt does not leak into the next cell");
    }

    /** Runs the loop on another thread, interrupts it once it runs, returns the cell's error. */
    private static CellError interruptWhenStarted(String loop, int cell) throws Exception {
        String flag = "ganbook.test.started." + cell;
        String code = "{ System.setProperty(\"" + flag + "\", \"yes\");\n" + loop + " }";
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<?> running = caller.submit(() -> {
                evaluator.resetStop();
                return eval(code, cell);
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.getProperty(flag) == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(100);
            evaluator.interrupt();
            Throwable thrown = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> running.get(30, TimeUnit.SECONDS)).getCause();
            evaluator.resetStop();
            return assertInstanceOf(CellError.class, thrown);
        } finally {
            caller.shutdownNow();
        }
    }
}
