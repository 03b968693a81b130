package org.ganbook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

class RenderersTest {

    @Test
    void significantDigitsWriteNumbersAsAPersonWould() {
        var four = new SignificantDigits(4);
        assertEquals("0.6831", four.text(0.68312634));
        assertEquals("144.1", four.text(144.0507));
        assertEquals("1.46", four.text(1.46));
        assertEquals("9037", four.text(9037.0));
        assertEquals("225", four.text(225));
        assertEquals("-0.0349", four.text(-0.0349), "trailing zeros dropped");
    }

    @Test
    void tinyAndHugeValuesAreScientific() {
        var four = new SignificantDigits(4);
        assertEquals("1e-100", four.text(1e-100));
        assertEquals("1.235e-5", four.text(1.23456e-5));
        assertEquals("2.5e7", four.text(2.5e7 + 0.5));
        assertEquals("0", four.text(0));
        assertEquals("NaN", four.text(Double.NaN));
    }

    @Test
    void shownTableRoundsDefaultDoublesAndKeepsValuesAndChosenFormats() {
        var measured = DoubleColumn.create("parzen", 144.0507, 1e-100);
        var chosen = DoubleColumn.create("chosen", 0.123456, 0.5);
        chosen.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        var table = Table.create("t", StringColumn.create("run", "a", "b"), IntColumn.create("n", 123456, 7),
                measured, chosen, FloatColumn.create("f", new float[] {0.333333f, 2f}));
        String html = Renderers.Tables.html(Renderers.Tables.rounded(table));
        assertTrue(html.contains("<td>144.1</td>") && html.contains("<td>1e-100</td>"), html);
        assertTrue(html.contains("<td>0.1</td>"), "a format the user chose is kept: " + html);
        assertTrue(html.contains("<td>0.3333</td>") && html.contains("<td>2</td>"), html);
        assertTrue(html.contains("<td>123456</td>"), html);
        assertFalse(html.contains("0.0000000000"), html);
        assertTrue(Renderers.Tables.text(Renderers.Tables.rounded(table)).contains("144.1"));
        assertEquals(144.0507, table.doubleColumn("parzen").get(0), 0, "the table's own values are untouched");
        assertTrue(Renderers.Tables.html(table).contains("144.0507"), "the table's own format is untouched");
    }

    @Test
    void tableWithoutDoublesIsShownAsItIs() {
        var table = Table.create("t", IntColumn.create("n", 1, 2));
        assertSame(table, Renderers.Tables.rounded(table));
    }
}
