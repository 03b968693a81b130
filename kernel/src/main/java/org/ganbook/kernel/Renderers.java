package org.ganbook.kernel;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.ganbook.widgets.Widget;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.text.NumberFormat;
import java.util.Base64;

/**
 * How the library's objects show in a notebook: XChart charts as PNG (no BitmapEncoder call in
 * the notebook), Tablesaw tables as an HTML table. Images (RenderedImage) come with the base
 * library. XChart and Tablesaw are not in the kernel jar: each renderer is registered only when
 * its library is on the classpath.
 */
final class Renderers {

    /** Rows shown of a table; a GAN's training log fits, a data set does not need to. */
    static final int MAX_TABLE_ROWS = 1000;

    private Renderers() {
    }

    static void registerAll(Renderer renderer) {
        // A widget shows as its view (opening its model first), with a line of text where no widget front end runs.
        renderer.createRegistration(Widget.class).register((widget, context) ->
                widget.displayBundle().forEach(context.getOutputContainer()::putData));
        if (present("org.knowm.xchart.internal.chartpart.Chart")) {
            Charts.register(renderer);
        }
        if (present("tech.tablesaw.api.Table")) {
            Tables.register(renderer);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Renderers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Kept apart so that XChart's classes load only when XChart is there. */
    static final class Charts {
        private Charts() {
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        static void register(Renderer renderer) {
            renderer.createRegistration((Class) Chart.class)
                    .preferring(MIMEType.IMAGE_PNG)
                    .register((chart, context) -> context.renderIfRequested(MIMEType.IMAGE_PNG,
                            () -> png((Chart) chart)));
        }

        static String png(Chart<?, ?> chart) {
            try {
                return Base64.getEncoder().encodeToString(
                        BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Kept apart so that Tablesaw's classes load only when Tablesaw is there. */
    static final class Tables {
        private Tables() {
        }

        static void register(Renderer renderer) {
            renderer.createRegistration(Table.class)
                    .preferring(MIMEType.TEXT_HTML)
                    .supporting(MIMEType.TEXT_PLAIN)
                    .register((table, context) -> {
                        Table shown = rounded(table);
                        context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(shown));
                        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text(shown));
                    });
        }

        /**
         * The table as it is shown: its double and float columns that keep Tablesaw's default format
         * (which prints every digit a double has) rounded to {@link #SHOWN_DIGITS} significant
         * digits, so no cell has to round its numbers by hand. A column given a format of its own
         * keeps it. The values are those of the table; the copy only carries other formats.
         */
        static Table rounded(Table table) {
            Table shown = null;
            for (int i = 0; i < table.columnCount(); i++) {
                Column<?> c = table.column(i);
                // By class, not by type(): DoubleColumn's type is not always the ColumnType.DOUBLE instance.
                if ((c instanceof DoubleColumn || c instanceof FloatColumn) && hasDefaultFormat((NumberColumn<?, ?>) c)) {
                    if (shown == null) {
                        shown = table.copy();
                    }
                    ((NumberColumn<?, ?>) shown.column(i)).setPrintFormatter(new NumberColumnFormatter(new SignificantDigits(SHOWN_DIGITS), ""));
                }
            }
            return shown == null ? table : shown;
        }

        /** Significant digits of a measured double in a shown table. */
        static final int SHOWN_DIGITS = 4;

        private static final NumberFormat DEFAULT_FORMAT = NumberColumnFormatter.floatingPointDefault().getFormat();

        /** Tablesaw keeps a column's format behind a protected getter; read it to respect one the user set. */
        private static boolean hasDefaultFormat(NumberColumn<?, ?> column) {
            try {
                Method getter = NumberColumn.class.getDeclaredMethod("getPrintFormatter");
                getter.setAccessible(true);
                NumberColumnFormatter formatter = (NumberColumnFormatter) getter.invoke(column);
                return formatter == null || DEFAULT_FORMAT.equals(formatter.getFormat());
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }

        static String text(Table table) {
            int rows = table.rowCount();
            String shown = rows <= MAX_TABLE_ROWS ? table.printAll() : table.print(MAX_TABLE_ROWS);
            return rows <= MAX_TABLE_ROWS ? shown : shown + "\n... " + (rows - MAX_TABLE_ROWS) + " more rows";
        }

        static String html(Table table) {
            int rows = table.rowCount();
            int shown = Math.min(rows, MAX_TABLE_ROWS);
            StringBuilder out = new StringBuilder();
            out.append("<table class=\"dataframe\">\n");
            if (table.name() != null && !table.name().isBlank()) {
                out.append("<caption>").append(escape(table.name())).append("</caption>\n");
            }
            out.append("<thead><tr>");
            for (Column<?> c : table.columns()) {
                out.append("<th>").append(escape(c.name())).append("</th>");
            }
            out.append("</tr></thead>\n<tbody>\n");
            for (int r = 0; r < shown; r++) {
                out.append("<tr>");
                for (Column<?> c : table.columns()) {
                    out.append("<td>").append(escape(c.getString(r))).append("</td>");
                }
                out.append("</tr>\n");
            }
            out.append("</tbody>\n</table>\n");
            if (rows > shown) {
                out.append("<p>").append(shown).append(" of ").append(rows).append(" rows shown</p>\n");
            }
            return out.toString();
        }

        private static String escape(String s) {
            if (s == null) {
                return "";
            }
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
