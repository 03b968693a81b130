package org.ganbook.gan;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * One row per iteration of Algorithm 1: D's loss -V (from the last of its k steps), G's loss, the
 * mean of D(x) on real and of D(G(z)) on generated examples, and each network's gradient norm.
 */
public final class History {
  public static final String[] COLUMNS = {"loss_D", "loss_G", "mean_D_x", "mean_D_G_z", "grad_norm_D", "grad_norm_G"};

  private final Table table;

  History() {
    table = Table.create("Algorithm 1", IntColumn.create("iteration"));
    for (String c : COLUMNS) table.addColumns(DoubleColumn.create(c));
  }

  void append(int iteration, double... values) {
    table.intColumn("iteration").append(iteration);
    for (int i = 0; i < COLUMNS.length; i++) table.doubleColumn(COLUMNS[i]).append(values[i]);
  }

  /** The history as a Tablesaw table (live: it grows while training runs). */
  public Table table() { return table; }

  public int size() { return table.rowCount(); }

  /** The most recent value of a column, e.g. {@code last("mean_D_G_z")}. */
  public double last(String column) {
    if (size() == 0) throw new IllegalStateException("no iterations yet");
    return table.doubleColumn(column).getDouble(size() - 1);
  }

  /** A column's values, oldest first. */
  public double[] column(String name) { return table.doubleColumn(name).asDoubleArray(); }

  @Override public String toString() { return table.last(5).print(); }
}
