package org.ganbook.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;

/**
 * Figure 1 of Goodfellow et al. (2014): on a 1-D x, the data-generating distribution p_data (black,
 * dotted), the generator's p_g (green, solid) and the discriminator D (blue, dashed); below, the
 * mapping x = G(z) as lines from the domain of z (the lower line) to the domain of x (the upper
 * line, the densities' baseline), which crowd where p_g is high.
 */
public final class Figure1 {

  /** Width and height of one panel of {@link #panels}. */
  static final int PANEL_WIDTH = 420, PANEL_HEIGHT = 340;

  private static final Color MAPPING = new Color(0x55, 0x55, 0x55);

  private Figure1() {}

  /**
   * One panel's data: densities and D on the grid {@code x}, and the mapping {@code gz = G(z)} for a
   * few z (a dozen or two read best). Any of pData, pG, d may be null; z and gz are both null or both given.
   */
  public record Snapshot(double[] x, double[] pData, double[] pG, double[] d, double[] z, double[] gz) {
    public Snapshot {
      if (x == null || x.length < 2) throw new IllegalArgumentException("x grid needs at least 2 points");
      for (var e : List.of(new Object[] {"p_data", pData}, new Object[] {"p_g", pG}, new Object[] {"D", d})) {
        double[] a = (double[]) e[1];
        if (a != null && a.length != x.length) {
          throw new IllegalArgumentException(e[0] + " has " + a.length + " values but x has " + x.length);
        }
      }
      if ((z == null) != (gz == null)) throw new IllegalArgumentException("give both z and G(z), or neither");
      if (z != null && z.length != gz.length) {
        throw new IllegalArgumentException("z has " + z.length + " values but G(z) has " + gz.length);
      }
    }

    /** Densities and D only, no mapping. */
    public Snapshot(double[] x, double[] pData, double[] pG, double[] d) {
      this(x, pData, pG, d, null, null);
    }
  }

  /** One panel at the default size. */
  public static XYChart chart(String title, Snapshot s) {
    return chart(title, s, Theme.WIDTH, Theme.HEIGHT);
  }

  /** One panel: p_data, p_g and D on one axis (densities and D's [0, 1] share it, as in the paper). */
  public static XYChart chart(String title, Snapshot s, int width, int height) {
    XYChart chart = Theme.xyChart(title, "x", null, width, height);
    XYStyler st = chart.getStyler();
    st.setPlotGridLinesVisible(false);
    st.setYAxisTickMarkSpacingHint(30); // room for 0, 0.5, 1 on a short panel
    double[] x = s.x();
    double xMin = min(x), xMax = max(x);
    double top = 0;
    for (double[] a : new double[][] {s.pData(), s.pG()}) {
      if (a != null) top = Math.max(top, max(a));
    }
    if (s.d() != null) top = Math.max(top, 1);
    if (!(top > 0)) top = 1;
    top *= 1.08;
    double bottom = 0;
    if (s.z() != null) {
      // The mapping band under the baseline: z's line at zLine, x's line at 0.
      double zLine = -0.42 * top;
      bottom = -0.48 * top;
      double[] z = s.z(), gz = s.gz();
      double zMin = min(z), zMax = max(z);
      Arrows arrows = new Arrows(z.length, xMax - xMin, top - bottom, 1.3 * width / height);
      for (int i = 0; i < z.length; i++) {
        // z's domain is drawn across the same width as x's, as in the paper's figure.
        double zx = zMax > zMin ? xMin + (z[i] - zMin) / (zMax - zMin) * (xMax - xMin) : (xMin + xMax) / 2;
        arrows.add(zx, zLine, gz[i], 0, 0.035);
      }
      XYSeries m = Theme.curve(chart, "x = G(z)", arrows.x(), arrows.y(), MAPPING, Theme.Line.SOLID);
      m.setLineStyle(new BasicStroke(1.2f));
      m.setShowInLegend(false);
      for (var line : List.of(new double[] {zLine}, new double[] {0})) {
        XYSeries l = Theme.curve(chart, "line " + line[0], new double[] {xMin, xMax},
            new double[] {line[0], line[0]}, Color.BLACK, Theme.Line.SOLID);
        l.setLineStyle(new BasicStroke(1.5f));
        l.setShowInLegend(false);
      }
      double dx = 0.015 * (xMax - xMin), dy = 0.05 * top;
      var zText = new AnnotationText("z", xMin + dx, zLine + dy, false);
      var xText = new AnnotationText("x", xMin + dx, dy, false);
      chart.addAnnotation(zText);
      chart.addAnnotation(xText);
      st.setAnnotationTextFont(Theme.AXIS_TITLE_FONT);
      st.setAnnotationTextFontColor(Color.BLACK);
    }
    // p_data's dots on top of p_g's line: where G has matched the data, both stay visible.
    if (s.pG() != null) Theme.curve(chart, "p_g", x, s.pG(), Theme.P_G, Theme.Line.SOLID);
    if (s.pData() != null) Theme.curve(chart, "p_data", x, s.pData(), Theme.P_DATA, Theme.Line.DOTTED);
    if (s.d() != null) Theme.curve(chart, "D(x)", x, s.d(), Theme.D, Theme.Line.DASHED);
    st.setXAxisMin(xMin);
    st.setXAxisMax(xMax);
    st.setYAxisMin(bottom);
    st.setYAxisMax(top);
    Theme.roundTicks(chart);
    // The band under 0 holds the mapping, not values: no tick labels there (a blank, since
    // XChart lays out every label's text and an empty string is refused).
    DecimalFormat f = Theme.format(st.getYAxisDecimalPattern());
    double eps = 1e-9 * top;
    st.setyAxisTickLabelsFormattingFunction(v -> v < -eps ? " " : f.format(v));
    return chart;
  }

  /** Panels side by side with captions (a), (b), ...: the whole of Figure 1 in one image. */
  public static BufferedImage panels(List<Snapshot> snapshots) {
    if (snapshots == null || snapshots.isEmpty()) throw new IllegalArgumentException("no snapshots");
    List<BufferedImage> images = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    for (int i = 0; i < snapshots.size(); i++) {
      images.add(Charts.toImage(chart(null, snapshots.get(i), PANEL_WIDTH, PANEL_HEIGHT)));
      captions.add("(" + (char) ('a' + i % 26) + ")");
    }
    return Panels.grid(images, Math.min(4, images.size()), captions);
  }

  static double min(double[] a) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : a) if (v < m) m = v;
    return m;
  }

  static double max(double[] a) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : a) if (v > m) m = v;
    return m;
  }
}
