package org.ganbook.gan;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * One row per iteration of Algorithm 1: D's loss -V (from the last of its k steps), G's loss, the
 * mean of D(x) on real and of D(G(z)) on generated examples, and each network's gradient norm.
 */
public final class History {
  /** The names of the columns after {@code iteration}, in order (see {@link HistoryColumn#ALGORITHM_1}). */
  public static final String[] COLUMNS = HistoryColumn.ALGORITHM_1.stream().map(HistoryColumn::columnName).toArray(String[]::new);

  private static final String ITERATION = HistoryColumn.ITERATION.columnName();

  private final Table table;

  History() {
    table = Table.create("Algorithm 1", IntColumn.create(ITERATION));
    for (HistoryColumn c : HistoryColumn.ALGORITHM_1) table.addColumns(DoubleColumn.create(c.columnName()));
  }

  void append(int iteration, double... values) {
    var columns = HistoryColumn.ALGORITHM_1;
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("a row of Algorithm 1's history has " + columns.size() + " values " + columns + ", got " + values.length);
    }
    table.intColumn(ITERATION).append(iteration);
    for (int i = 0; i < values.length; i++) table.doubleColumn(columns.get(i).columnName()).append(values[i]);
  }

  /** The history as a Tablesaw table (live: it grows while training runs). */
  public Table table() { return table; }

  public int size() { return table.rowCount(); }

  /** The most recent value of a column, e.g. {@code last("mean_D_G_z")}. */
  public double last(String column) {
    if (size() == 0) throw new IllegalStateException("no iterations yet");
    return table.doubleColumn(column).getDouble(size() - 1);
  }

  /** The most recent value of a column, e.g. {@code last(HistoryColumn.MEAN_D_G_Z)}. */
  public double last(HistoryColumn column) { return last(column.columnName()); }

  /** A column's values, oldest first. */
  public double[] column(String name) { return table.doubleColumn(name).asDoubleArray(); }

  /** A column's values, oldest first. */
  public double[] column(HistoryColumn column) { return column(column.columnName()); }

  @Override public String toString() { return table.last(5).print(); }
}
