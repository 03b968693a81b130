package org.ganbook.viz;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/** Charts and images to PNG files and to images that can be composed (see {@link Panels}). */
public final class Charts {

  private Charts() {}

  /** The chart drawn at its own size. */
  public static BufferedImage toImage(Chart<?, ?> chart) {
    return toImage(chart, 1);
  }

  /**
   * The chart drawn at {@code scale} times its size (2 for a sharp PDF page or a high-density
   * screen): the same layout, more pixels.
   */
  public static BufferedImage toImage(Chart<?, ?> chart, double scale) {
    if (!(scale > 0)) throw new IllegalArgumentException("scale must be > 0, got " + scale);
    return draw(chart, chart.getWidth(), chart.getHeight(), scale);
  }

  /** The chart laid out at width x height pixels (XChart's paint lays a chart out at any size). */
  public static BufferedImage toImage(Chart<?, ?> chart, int width, int height) {
    return draw(chart, width, height, 1);
  }

  private static BufferedImage draw(Chart<?, ?> chart, int w, int h, double scale) {
    var img = new BufferedImage((int) Math.round(w * scale), (int) Math.round(h * scale), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      // Sub-pixel positions for smooth curves instead of lines snapped to the pixel grid.
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.scale(scale, scale);
      chart.paint(g, w, h);
    } finally {
      g.dispose();
    }
    return img;
  }

  /** Saves the chart as a PNG at exactly {@code path} (no extension is added). */
  public static Path save(Chart<?, ?> chart, Path path) {
    return save(toImage(chart), path);
  }

  /**
   * Saves the image as a PNG at exactly {@code path}. Written to a temporary file beside it and
   * renamed, so a reader never sees half a PNG.
   */
  public static Path save(BufferedImage image, Path path) {
    try {
      Path dir = path.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".ganbook-", ".png.tmp");
      try {
        try (OutputStream out = Files.newOutputStream(tmp)) {
          if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer for image type " + image.getType());
          }
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write PNG " + path + ": " + e.getMessage(), e);
    }
  }
}
