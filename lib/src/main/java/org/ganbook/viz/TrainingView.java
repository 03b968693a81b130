package org.ganbook.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.ganbook.gan.HistoryColumn;
import org.ganbook.gan.Progress;
import org.knowm.xchart.XYChart;

/**
 * A live dashboard of Algorithm 1 as one image, for a notebook to show and replace in place:
 *
 * <pre>
 * var view = new TrainingView("MNIST");
 * var id = display(view.render(gan.history()));
 * gan.observe(100, p -> updateDisplay(id, view.render(p)));
 * </pre>
 *
 * A progress line (bar, percentage, iteration, elapsed time and time left) above two charts of the
 * whole history: the losses of D and G, and the mean of D(x) and D(G(z)) with the equilibrium 1/2
 * they approach. Per-iteration values are one minibatch each, so the charts draw them faint and a
 * moving average bold. An optional picture (G's samples, say) goes to the right of the charts.
 */
public final class TrainingView {

  static final int CHART_WIDTH = 480, CHART_HEIGHT = 300, HEADER = 44, BAR_WIDTH = 320;

  private final String title;
  private Supplier<BufferedImage> extra;

  public TrainingView(String title) { this.title = title == null ? "" : title; }

  /** Adds a picture drawn afresh at every render, e.g. {@code () -> ImageGrid.of(G.apply(z), 6, 6)}. */
  public TrainingView withPicture(Supplier<BufferedImage> picture) {
    this.extra = picture;
    return this;
  }

  /** The dashboard before training starts (or after it ended): the charts of a history, no bar. */
  public BufferedImage render(org.ganbook.gan.History history) {
    return draw(null, history);
  }

  /** The dashboard at {@code p}: progress of this {@code train} call and the whole history so far. */
  public BufferedImage render(Progress p) {
    return draw(p, p.history());
  }

  private BufferedImage draw(Progress p, org.ganbook.gan.History history) {
    List<BufferedImage> charts = new ArrayList<>();
    if (history.size() > 0) {
      int window = smoothing(history.size());
      charts.add(image(chart(LineCharts.history("losses", history.table(), window,
          HistoryColumn.LOSS_D.columnName(), HistoryColumn.LOSS_G.columnName()), null)));
      charts.add(image(chart(LineCharts.history("D on real and generated examples", history.table(), window,
          HistoryColumn.MEAN_D_X.columnName(), HistoryColumn.MEAN_D_G_Z.columnName()), history)));
    }
    if (extra != null) charts.add(extra.get());
    int w = 0, h = 0;
    for (BufferedImage c : charts) {
      w += c.getWidth() + Panels.GAP;
      h = Math.max(h, c.getHeight());
    }
    w = Math.max(w - Panels.GAP, 2 * CHART_WIDTH);
    var out = new BufferedImage(w, HEADER + h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      header(g, p, history);
      int x = 0;
      for (BufferedImage c : charts) {
        g.drawImage(c, x, HEADER + (h - c.getHeight()) / 2, null);
        x += c.getWidth() + Panels.GAP;
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /** The line of text above the charts: percentage, iteration, elapsed time, time left. */
  public static String status(Progress p) {
    return String.format("%3.0f%%  iteration %,d of %,d  elapsed %s  left %s", 100 * p.fraction(), p.iteration() + 1,
        p.to(), duration(p.seconds()), duration(p.secondsLeft()));
  }

  private void header(Graphics2D g, Progress p, org.ganbook.gan.History history) {
    g.setColor(Color.BLACK);
    g.setFont(Theme.TITLE_FONT);
    int baseline = 28;
    g.drawString(title, 8, baseline);
    int x = 16 + g.getFontMetrics().stringWidth(title);
    if (p != null) {
      int barH = 16, y = baseline - barH + 3;
      g.setColor(new Color(0xE0, 0xE0, 0xE0));
      g.fillRect(x, y, BAR_WIDTH, barH);
      g.setColor(Theme.P_G);
      g.fillRect(x, y, (int) Math.round(BAR_WIDTH * Math.min(1, Math.max(0, p.fraction()))), barH);
      g.setColor(Color.GRAY);
      g.drawRect(x, y, BAR_WIDTH, barH);
      x += BAR_WIDTH + 12;
    }
    g.setColor(Color.BLACK);
    g.setFont(Theme.LEGEND_FONT);
    String text = p != null ? status(p) : String.format("%,d iterations", history.size());
    g.drawString(text, x, baseline);
  }

  private static XYChart chart(XYChart chart, org.ganbook.gan.History withHalf) {
    if (withHalf != null) {
      double[] it = LineCharts.numeric(withHalf.table(), LineCharts.ITERATION);
      var half = Theme.curve(chart, "1/2", new double[] {it[0], it[it.length - 1]}, new double[] {0.5, 0.5},
          Color.GRAY, Theme.Line.DASHED);
      half.setLineStyle(Theme.THIN);
      half.setShowInLegend(false); // the dashed grey line at 1/2 needs no legend entry
      chart.getStyler().setYAxisMin(0.0);
      chart.getStyler().setYAxisMax(1.0);
    }
    return chart;
  }

  /** The chart drawn at the view's size. */
  private static BufferedImage image(XYChart chart) { return Charts.toImage(chart, CHART_WIDTH, CHART_HEIGHT); }

  /** A moving average over about a fiftieth of the history, between 1 and 500 iterations. */
  static int smoothing(int size) { return Math.max(1, Math.min(500, size / 50)); }

  static String duration(double seconds) {
    if (!Double.isFinite(seconds)) return "?";
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
