package org.ganbook.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A scalar field on the plane, e.g. D(x) over the data's square, as an image with a colour bar and
 * optional points on top. The colours run from white (0) to the discriminator's dark blue (1), so
 * the picture reads as "where D says real", and black data and green samples stay visible on it.
 *
 * <pre>{@code
 * var grid = new Heatmap.Grid(-2, 2, -2, 2, 120, 120);
 * INDArray d = discriminator.output(grid.points());           // [120*120, 1]
 * BufferedImage img = Heatmap.of(grid, d).title("D(x)").range(0, 1)
 *     .overlay("G(z)", samples, Theme.P_G).toImage();
 * }</pre>
 */
public final class Heatmap {

  /** ColorBrewer "Blues": sequential, reads in grey print, ends near the discriminator's blue. */
  private static final Color[] BLUES = {
    new Color(0xF7, 0xFB, 0xFF), new Color(0xDE, 0xEB, 0xF7), new Color(0xC6, 0xDB, 0xEF),
    new Color(0x9E, 0xCA, 0xE1), new Color(0x6B, 0xAE, 0xD6), new Color(0x42, 0x92, 0xC6),
    new Color(0x21, 0x71, 0xB5), new Color(0x08, 0x51, 0x9C), new Color(0x08, 0x30, 0x6B),
  };

  /**
   * nx x ny points evenly spaced over [xMin, xMax] x [yMin, yMax], ends included; point k is
   * (x(k % nx), y(k / nx)): x runs fastest, y rises.
   */
  public record Grid(double xMin, double xMax, double yMin, double yMax, int nx, int ny) {
    public Grid {
      if (nx < 2 || ny < 2) throw new IllegalArgumentException("grid needs at least 2x2 points, got " + nx + "x" + ny);
      if (!(xMax > xMin) || !(yMax > yMin)) {
        throw new IllegalArgumentException("empty grid range [" + xMin + ", " + xMax + "] x [" + yMin + ", " + yMax + "]");
      }
    }

    /** A square n x n grid over [min, max]². */
    public Grid(double min, double max, int n) {
      this(min, max, min, max, n, n);
    }

    public double x(int i) {
      return xMin + (xMax - xMin) * i / (nx - 1);
    }

    public double y(int j) {
      return yMin + (yMax - yMin) * j / (ny - 1);
    }

    /** All grid points as an [nx*ny, 2] array, to evaluate D (or any field) in one batch. */
    public INDArray points() {
      double[] p = new double[2 * nx * ny];
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
          int k = j * nx + i;
          p[2 * k] = x(i);
          p[2 * k + 1] = y(j);
        }
      }
      return Nd4j.create(p, new long[] {(long) nx * ny, 2}, DataType.FLOAT);
    }
  }

  private record Overlay(String name, double[][] xy, Color colour) {}

  private final Grid grid;
  private final double[] values;
  private String title = "";
  private String xTitle = "x₁", yTitle = "x₂", label = "";
  private Double lo, hi;
  private int width = 600, height = 520;
  private final List<Overlay> overlays = new ArrayList<>();

  private Heatmap(Grid grid, double[] values) {
    this.grid = grid;
    this.values = values;
  }

  /** The field's values at {@code grid}'s points, in {@link Grid#points()}'s order (nx*ny values, any shape). */
  public static Heatmap of(Grid grid, INDArray values) {
    if (values.length() != (long) grid.nx() * grid.ny()) {
      throw new IllegalArgumentException("grid has " + grid.nx() + "x" + grid.ny() + " = " + grid.nx() * grid.ny()
          + " points but values have " + values.length() + " (shape " + java.util.Arrays.toString(values.shape()) + ")");
    }
    return new Heatmap(grid, values.castTo(DataType.DOUBLE).dup('c').data().asDouble());
  }

  /** The field's values as rows of constant y: {@code values[j][i]} at (x(i), y(j)). */
  public static Heatmap of(Grid grid, double[][] values) {
    if (values.length != grid.ny()) throw new IllegalArgumentException("values have " + values.length + " rows, grid has ny = " + grid.ny());
    double[] flat = new double[grid.nx() * grid.ny()];
    for (int j = 0; j < grid.ny(); j++) {
      if (values[j].length != grid.nx()) {
        throw new IllegalArgumentException("row " + j + " has " + values[j].length + " values, grid has nx = " + grid.nx());
      }
      System.arraycopy(values[j], 0, flat, j * grid.nx(), grid.nx());
    }
    return new Heatmap(grid, flat);
  }

  public Heatmap title(String title) {
    this.title = title == null ? "" : title;
    return this;
  }

  public Heatmap axes(String xTitle, String yTitle) {
    this.xTitle = xTitle == null ? "" : xTitle;
    this.yTitle = yTitle == null ? "" : yTitle;
    return this;
  }

  /** What the colour bar measures, e.g. "D(x)". */
  public Heatmap label(String label) {
    this.label = label == null ? "" : label;
    return this;
  }

  /** Fixes the colour scale (e.g. [0, 1] for D); by default it spans the values. */
  public Heatmap range(double lo, double hi) {
    if (!(hi > lo)) throw new IllegalArgumentException("colour range needs lo < hi, got [" + lo + ", " + hi + "]");
    this.lo = lo;
    this.hi = hi;
    return this;
  }

  public Heatmap size(int width, int height) {
    if (width < 200 || height < 200) throw new IllegalArgumentException("heat map size " + width + "x" + height + " is too small (min 200x200)");
    this.width = width;
    this.height = height;
    return this;
  }

  /** Points ([n, 2]) drawn over the field as small dots with a white rim, named in a legend. */
  public Heatmap overlay(String name, INDArray points, Color colour) {
    overlays.add(new Overlay(name, Scatter.columns(name, points), colour));
    return this;
  }

  /** The colour of value t in [0, 1] on the scale (clamped; NaN is grey). */
  static Color colour(double t) {
    if (Double.isNaN(t)) return Color.GRAY;
    t = Math.max(0, Math.min(1, t)) * (BLUES.length - 1);
    int i = Math.min((int) t, BLUES.length - 2);
    double f = t - i;
    Color a = BLUES[i], b = BLUES[i + 1];
    return new Color(
        (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  public BufferedImage toImage() {
    double vLo = lo != null ? lo : Double.POSITIVE_INFINITY, vHi = hi != null ? hi : Double.NEGATIVE_INFINITY;
    if (lo == null) {
      for (double v : values) if (Double.isFinite(v)) { vLo = Math.min(vLo, v); vHi = Math.max(vHi, v); }
      if (!(vHi > vLo)) { vLo = Double.isFinite(vLo) ? vLo - 0.5 : 0; vHi = vLo + 1; }
    }
    int nx = grid.nx(), ny = grid.ny();
    // Each value fills the cell around its grid point.
    double dx = (grid.xMax() - grid.xMin()) / (nx - 1), dy = (grid.yMax() - grid.yMin()) / (ny - 1);
    double x0 = grid.xMin() - dx / 2, x1 = grid.xMax() + dx / 2, y0 = grid.yMin() - dy / 2, y1 = grid.yMax() + dy / 2;

    var img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      FontMetrics tick = g.getFontMetrics(Theme.TICK_FONT), axis = g.getFontMetrics(Theme.AXIS_TITLE_FONT);
      FontMetrics titleFm = g.getFontMetrics(Theme.TITLE_FONT), legendFm = g.getFontMetrics(Theme.LEGEND_FONT);

      var xTicks = Ticks.of(x0, x1);
      var yTicks = Ticks.of(y0, y1);
      var cTicks = Ticks.of(vLo, vHi);
      int yLabelW = 0;
      for (double t : yTicks.values()) yLabelW = Math.max(yLabelW, tick.stringWidth(yTicks.label(t)));
      int cLabelW = 0;
      for (double t : cTicks.values()) cLabelW = Math.max(cLabelW, tick.stringWidth(cTicks.label(t)));

      int pad = 12;
      int top = pad + (title.isEmpty() ? 0 : titleFm.getHeight() + 6);
      int legendH = overlays.isEmpty() ? 0 : legendFm.getHeight() + 8;
      int bottom = height - pad - legendH - (xTitle.isEmpty() ? 0 : axis.getHeight() + 2) - tick.getHeight() - 6;
      int left = pad + (yTitle.isEmpty() ? 0 : axis.getHeight() + 4) + yLabelW + 6;
      int barW = 16;
      int right = width - pad - (label.isEmpty() ? 0 : axis.getHeight() + 4) - cLabelW - 6 - barW - 18;
      // Keep cells square when the grid's units are equal: the plot takes the data's aspect ratio.
      double aspect = (x1 - x0) / (y1 - y0);
      int pw = right - left, ph = bottom - top;
      if (pw > ph * aspect) {
        int w = (int) Math.round(ph * aspect);
        left += (pw - w) / 2;
        right = left + w;
      } else {
        int h = (int) Math.round(pw / aspect);
        top += (ph - h) / 2;
        bottom = top + h;
      }
      pw = right - left;
      ph = bottom - top;
      final int L = left, T = top, PW = pw, PH = ph;
      java.util.function.DoubleUnaryOperator sx = x -> L + (x - x0) / (x1 - x0) * PW;
      java.util.function.DoubleUnaryOperator sy = y -> T + PH - (y - y0) / (y1 - y0) * PH;

      // The field: one pixel per grid point, scaled up smoothly.
      var field = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
          field.setRGB(i, ny - 1 - j, colour((values[j * nx + i] - vLo) / (vHi - vLo)).getRGB());
        }
      }
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(field, left, top, pw, ph, null);

      // Overlays, clipped to the plot.
      Shape clip = g.getClip();
      g.setClip(left, top, pw, ph);
      double r = 2.6;
      for (Overlay o : overlays) {
        for (int k = 0; k < o.xy()[0].length; k++) {
          double px = sx.applyAsDouble(o.xy()[0][k]), py = sy.applyAsDouble(o.xy()[1][k]);
          if (!Double.isFinite(px) || !Double.isFinite(py)) continue;
          var dot = new Ellipse2D.Double(px - r, py - r, 2 * r, 2 * r);
          g.setColor(new Color(255, 255, 255, 160));
          g.setStroke(new BasicStroke(1f));
          g.draw(dot);
          g.setColor(o.colour());
          g.fill(dot);
        }
      }
      g.setClip(clip);

      // Axes: ticks below and left, labels in the theme's decimal pattern.
      g.setColor(new Color(0x66, 0x66, 0x66));
      g.setStroke(new BasicStroke(1f));
      g.drawLine(left, bottom, right, bottom);
      g.drawLine(left, top, left, bottom);
      g.setFont(Theme.TICK_FONT);
      for (double t : xTicks.values()) {
        int px = (int) Math.round(sx.applyAsDouble(t));
        g.setColor(new Color(0x66, 0x66, 0x66));
        g.drawLine(px, bottom, px, bottom + 4);
        g.setColor(new Color(0x33, 0x33, 0x33));
        String s = xTicks.label(t);
        g.drawString(s, px - tick.stringWidth(s) / 2, bottom + 5 + tick.getAscent());
      }
      for (double t : yTicks.values()) {
        int py = (int) Math.round(sy.applyAsDouble(t));
        g.setColor(new Color(0x66, 0x66, 0x66));
        g.drawLine(left - 4, py, left, py);
        g.setColor(new Color(0x33, 0x33, 0x33));
        String s = yTicks.label(t);
        g.drawString(s, left - 6 - tick.stringWidth(s), py + tick.getAscent() / 2 - 1);
      }
      g.setColor(Color.BLACK);
      if (!title.isEmpty()) {
        g.setFont(Theme.TITLE_FONT);
        g.drawString(title, (width - titleFm.stringWidth(title)) / 2, pad + titleFm.getAscent());
      }
      g.setFont(Theme.AXIS_TITLE_FONT);
      if (!xTitle.isEmpty()) {
        g.drawString(xTitle, left + (pw - axis.stringWidth(xTitle)) / 2, bottom + 6 + tick.getHeight() + axis.getAscent());
      }
      if (!yTitle.isEmpty()) {
        drawVertical(g, yTitle, pad + axis.getAscent(), top + ph / 2, axis);
      }

      // Colour bar.
      int bx = right + 18;
      for (int py = top; py < bottom; py++) {
        g.setColor(colour(1 - (py - top + 0.5) / ph));
        g.drawLine(bx, py, bx + barW - 1, py);
      }
      g.setFont(Theme.TICK_FONT);
      for (double t : cTicks.values()) {
        int py = (int) Math.round(bottom - (t - vLo) / (vHi - vLo) * ph);
        g.setColor(new Color(0x66, 0x66, 0x66));
        g.drawLine(bx + barW, py, bx + barW + 3, py);
        g.setColor(new Color(0x33, 0x33, 0x33));
        g.drawString(cTicks.label(t), bx + barW + 6, py + tick.getAscent() / 2 - 1);
      }
      if (!label.isEmpty()) {
        g.setColor(Color.BLACK);
        g.setFont(Theme.AXIS_TITLE_FONT);
        drawVertical(g, label, bx + barW + 6 + cLabelW + 6 + axis.getAscent(), top + ph / 2, axis);
      }

      // Legend of overlays, centred under everything.
      if (!overlays.isEmpty()) {
        g.setFont(Theme.LEGEND_FONT);
        int total = 0;
        for (Overlay o : overlays) total += 14 + legendFm.stringWidth(o.name()) + 18;
        int lx = (width - total) / 2, ly = height - pad - legendFm.getDescent();
        for (Overlay o : overlays) {
          g.setColor(o.colour());
          g.fill(new Ellipse2D.Double(lx, ly - legendFm.getAscent() / 2.0 - 4, 8, 8));
          g.setColor(Color.BLACK);
          g.drawString(o.name(), lx + 14, ly);
          lx += 14 + legendFm.stringWidth(o.name()) + 18;
        }
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  private static void drawVertical(Graphics2D g, String s, int baselineX, int centreY, FontMetrics fm) {
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2, baselineX, centreY);
    g.drawString(s, baselineX - fm.stringWidth(s) / 2, centreY);
    g.setTransform(saved);
  }

  /** Round tick positions (1, 2 or 5 times a power of ten) and their labels. */
  record Ticks(double[] values, DecimalFormat format) {
    static Ticks of(double lo, double hi) {
      double raw = (hi - lo) / 5;
      double mag = Math.pow(10, Math.floor(Math.log10(raw)));
      double step = raw / mag >= 5 ? 5 * mag : raw / mag >= 2 ? 2 * mag : mag;
      List<Double> ts = new ArrayList<>();
      for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9 * step; t += step) {
        ts.add(Math.abs(t) < 1e-12 * step ? 0 : t);
      }
      int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
      String pattern = decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals);
      return new Ticks(ts.stream().mapToDouble(Double::doubleValue).toArray(), Theme.format(pattern));
    }

    String label(double t) {
      return format.format(t);
    }
  }
}
