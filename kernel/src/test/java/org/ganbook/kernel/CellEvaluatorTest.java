package org.ganbook.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
