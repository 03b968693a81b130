package org.ganbook.viz;

/**
 * Arrows as polyline pieces for one XChart series: each arrow is a shaft and a two-stroke head,
 * pieces separated by NaN (XChart breaks a line at NaN), so a thousand arrows are one series.
 */
final class Arrows {

  private final double[] xs, ys;
  private final double xSpan, ySpan, aspect;
  private int n;

  /**
   * Room for {@code arrows} arrows on axes spanning {@code xSpan} by {@code ySpan}, drawn in a plot
   * {@code aspect} times as wide as high (so heads keep their shape on screen).
   */
  Arrows(int arrows, double xSpan, double ySpan, double aspect) {
    this.xSpan = xSpan;
    this.ySpan = ySpan;
    this.aspect = aspect;
    // shaft (2 points) + NaN + head (3 points) + NaN
    xs = new double[arrows * 7];
    ys = new double[arrows * 7];
  }

  /**
   * An arrow from (x0, y0) to (x1, y1) whose head is {@code head} plot heights long (at most 60%
   * of the arrow).
   */
  void add(double x0, double y0, double x1, double y1, double head) {
    put(x0, y0);
    put(x1, y1);
    put(Double.NaN, Double.NaN);
    addHead(x0, y0, x1, y1, Math.min(head, 0.6 * length(x0, y0, x1, y1)));
  }

  /** Only the head of the arrow from (x0, y0) to (x1, y1), {@code head} plot heights long. */
  void addHead(double x0, double y0, double x1, double y1, double head) {
    double u = (x1 - x0) / xSpan * aspect, v = (y1 - y0) / ySpan;
    double len = Math.hypot(u, v);
    if (len > 0) {
      double h = head;
      double ux = u / len, uy = v / len;
      double c = Math.cos(Math.toRadians(25)), s = Math.sin(Math.toRadians(25));
      double ax = -(ux * c - uy * s) * h, ay = -(ux * s + uy * c) * h;
      double bx = -(ux * c + uy * s) * h, by = -(-ux * s + uy * c) * h;
      put(x1 + ax / aspect * xSpan, y1 + ay * ySpan);
      put(x1, y1);
      put(x1 + bx / aspect * xSpan, y1 + by * ySpan);
      put(Double.NaN, Double.NaN);
    }
  }

  /** Length of the arrow from (x0, y0) to (x1, y1) in plot heights. */
  double length(double x0, double y0, double x1, double y1) {
    return Math.hypot((x1 - x0) / xSpan * aspect, (y1 - y0) / ySpan);
  }

  private void put(double x, double y) {
    xs[n] = x;
    ys[n] = y;
    n++;
  }

  double[] x() {
    return java.util.Arrays.copyOf(xs, Math.max(0, n - 1));
  }

  double[] y() {
    return java.util.Arrays.copyOf(ys, Math.max(0, n - 1));
  }
}
