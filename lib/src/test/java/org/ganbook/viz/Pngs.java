package org.ganbook.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/** Test helpers: save, decode and look into PNGs. */
final class Pngs {

  private Pngs() {}

  /** Charts render without a display, as in the Jupyter kernel and CI: call before any AWT use. */
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * Where sample PNGs go: {@code -Dganbook.viz.out=DIR} keeps them for a person to look at;
   * otherwise the test's temporary directory.
   */
  static Path dir(Path tmp) throws IOException {
    String out = System.getProperty("ganbook.viz.out");
    if (out == null || out.isBlank()) return tmp;
    Path p = Path.of(out);
    Files.createDirectories(p);
    return p;
  }

  /** Saves through the library, then reads the file back as a reader's viewer would. */
  static BufferedImage roundTrip(Chart<?, ?> chart, Path file) throws IOException {
    Charts.save(chart, file);
    return decode(file, chart.getWidth(), chart.getHeight());
  }

  static BufferedImage roundTrip(BufferedImage image, Path file) throws IOException {
    Charts.save(image, file);
    return decode(file, image.getWidth(), image.getHeight());
  }

  static BufferedImage decode(Path file, int w, int h) throws IOException {
    assertTrue(Files.size(file) > 0, file + " is empty");
    BufferedImage img = ImageIO.read(file.toFile());
    assertNotNull(img, file + " does not decode as an image");
    assertEquals(w, img.getWidth(), "width of " + file);
    assertEquals(h, img.getHeight(), "height of " + file);
    assertTrue(distinctColours(img) >= 8, file + " looks blank: " + distinctColours(img) + " colours");
    return img;
  }

  static int distinctColours(BufferedImage img) {
    var set = new HashSet<Integer>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) set.add(img.getRGB(x, y) & 0xFFFFFF);
    }
    return set.size();
  }

  /** Pixels within {@code tol} (per channel) of colour c. */
  static int count(BufferedImage img, Color c, int tol) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        if (Math.abs((rgb >> 16 & 0xFF) - c.getRed()) <= tol
            && Math.abs((rgb >> 8 & 0xFF) - c.getGreen()) <= tol
            && Math.abs((rgb & 0xFF) - c.getBlue()) <= tol) {
          n++;
        }
      }
    }
    return n;
  }
}
