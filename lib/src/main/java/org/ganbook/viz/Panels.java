package org.ganbook.viz;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Several images composed into one, in a grid, with optional captions ("(a)", "(b)", ...). */
public final class Panels {

  static final int GAP = 10;

  private Panels() {}

  /** The images in one row. */
  public static BufferedImage row(BufferedImage... images) {
    return grid(List.of(images), images.length, null);
  }

  /** The images in rows of {@code cols}, in reading order. */
  public static BufferedImage grid(List<BufferedImage> images, int cols) {
    return grid(images, cols, null);
  }

  /**
   * The images in rows of {@code cols}, in reading order, each with its caption centred below it
   * ({@code captions} may be null; a null caption leaves no line).
   */
  public static BufferedImage grid(List<BufferedImage> images, int cols, List<String> captions) {
    if (images == null || images.isEmpty()) throw new IllegalArgumentException("no images to compose");
    if (cols < 1) throw new IllegalArgumentException("cols must be >= 1, got " + cols);
    if (captions != null && captions.size() != images.size()) {
      throw new IllegalArgumentException(
          images.size() + " images but " + captions.size() + " captions");
    }
    int n = images.size();
    int rows = (n + cols - 1) / cols;
    int cellW = 0, cellH = 0;
    for (BufferedImage im : images) {
      cellW = Math.max(cellW, im.getWidth());
      cellH = Math.max(cellH, im.getHeight());
    }
    boolean anyCaption = captions != null && captions.stream().anyMatch(c -> c != null && !c.isEmpty());
    FontMetrics fm = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
        .getFontMetrics(Theme.CAPTION_FONT);
    int captionH = anyCaption ? fm.getHeight() + 4 : 0;
    int c = Math.min(cols, n);
    int w = c * cellW + (c - 1) * GAP;
    int h = rows * (cellH + captionH) + (rows - 1) * GAP;
    var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(Theme.CAPTION_FONT);
      g.setColor(Color.BLACK);
      for (int i = 0; i < n; i++) {
        BufferedImage im = images.get(i);
        int x0 = (i % cols) * (cellW + GAP), y0 = (i / cols) * (cellH + captionH + GAP);
        // Centre smaller images in their cell.
        g.drawImage(im, x0 + (cellW - im.getWidth()) / 2, y0 + (cellH - im.getHeight()) / 2, null);
        String cap = captions == null ? null : captions.get(i);
        if (cap != null && !cap.isEmpty()) {
          int tw = fm.stringWidth(cap);
          g.drawString(cap, x0 + (cellW - tw) / 2, y0 + cellH + 2 + fm.getAscent());
        }
      }
    } finally {
      g.dispose();
    }
    return out;
  }
}
