package org.ganbook.viz;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Many small grey images (MNIST digits, G's samples) tiled into one picture, as in Figure 2 of
 * Goodfellow et al. (2014). Value v in [0, 1] becomes grey level round(255 v) (clamped), so MNIST
 * reads as white digits on black, like the paper's figure.
 */
public final class ImageGrid {

  /** MNIST's side. */
  public static final int MNIST_SIDE = 28;

  static final int PAD = 2;
  static final Color PAD_COLOUR = new Color(0x80, 0x80, 0x80);
  /** Frame of the nearest training image in {@link #pairs}, yellow as in the paper's Figure 2. */
  static final Color NEIGHBOUR_FRAME = new Color(0xFF, 0xD7, 0x00);

  private ImageGrid() {}

  /** 28x28 images (rows of {@code images}, [n, 784]) in rows x cols tiles, each pixel drawn 2x2. */
  public static BufferedImage of(INDArray images, int rows, int cols) {
    return of(images, MNIST_SIDE, MNIST_SIDE, rows, cols, 2);
  }

  /**
   * Images of h x w pixels, row-major ([n, h*w], [n, h, w] or [n, 1, h, w]), in rows x cols tiles
   * in reading order (image i at tile (i / cols, i % cols)), each pixel drawn as a scale x scale
   * block, tiles PAD pixels apart. Fewer than rows*cols images leave the last tiles empty; more are
   * not drawn.
   */
  public static BufferedImage of(INDArray images, int h, int w, int rows, int cols, int scale) {
    check(h, w, rows, cols, scale);
    int count = Math.min(rows * cols, rows(images, h, w));
    float[] px = pixels(images, count, h, w);
    int tw = w * scale, th = h * scale;
    var out = canvas(cols * tw + (cols + 1) * PAD, rows * th + (rows + 1) * PAD, PAD_COLOUR);
    for (int i = 0; i < count; i++) {
      int r = i / cols, c = i % cols;
      tile(out, px, i * h * w, h, w, scale, PAD + c * (tw + PAD), PAD + r * (th + PAD));
    }
    return out;
  }

  /** Pairs of 28x28 images, sample beside its nearest training image, pixels drawn 2x2. */
  public static BufferedImage pairs(INDArray samples, INDArray neighbours, int rows, int cols) {
    return pairs(samples, neighbours, MNIST_SIDE, MNIST_SIDE, rows, cols, 2);
  }

  /**
   * Figure 2's check that G has not memorised the training set: sample i beside neighbours row i
   * (its nearest training image), the neighbour framed in yellow, rows x cols pairs with a wider gap
   * between pairs than within one.
   */
  public static BufferedImage pairs(INDArray samples, INDArray neighbours, int h, int w, int rows, int cols, int scale) {
    check(h, w, rows, cols, scale);
    int ns = rows(samples, h, w), nn = rows(neighbours, h, w);
    if (ns != nn) {
      throw new IllegalArgumentException(ns + " samples but " + nn + " neighbours: need one neighbour per sample");
    }
    int count = Math.min(rows * cols, ns);
    float[] sp = pixels(samples, count, h, w), np = pixels(neighbours, count, h, w);
    int tw = w * scale, th = h * scale, frame = 2, gap = 10;
    int pairW = 2 * tw + 3 * frame + PAD;
    int pairH = th + 2 * frame;
    var out = canvas(cols * pairW + (cols + 1) * gap, rows * pairH + (rows + 1) * gap, Color.WHITE);
    for (int i = 0; i < count; i++) {
      int x0 = gap + (i % cols) * (pairW + gap), y0 = gap + (i / cols) * (pairH + gap);
      fill(out, x0, y0, tw + 2 * frame, pairH, PAD_COLOUR);
      tile(out, sp, i * h * w, h, w, scale, x0 + frame, y0 + frame);
      int nx = x0 + tw + 2 * frame + PAD;
      fill(out, nx, y0, tw + 2 * frame, pairH, NEIGHBOUR_FRAME);
      tile(out, np, i * h * w, h, w, scale, nx + frame, y0 + frame);
    }
    return out;
  }

  private static void check(int h, int w, int rows, int cols, int scale) {
    if (h < 1 || w < 1) throw new IllegalArgumentException("image size must be positive, got " + h + "x" + w);
    if (rows < 1 || cols < 1) throw new IllegalArgumentException("grid must be at least 1x1, got " + rows + "x" + cols);
    if (scale < 1 || scale > 16) throw new IllegalArgumentException("scale must be in 1..16, got " + scale);
  }

  private static int rows(INDArray images, int h, int w) {
    if (images == null) throw new IllegalArgumentException("images are null");
    long per = images.length() / Math.max(1, images.size(0));
    if (images.rank() < 2 || per != (long) h * w) {
      throw new IllegalArgumentException("images of shape " + java.util.Arrays.toString(images.shape())
          + " are not n images of " + h + "x" + w + " = " + h * w + " pixels");
    }
    return (int) images.size(0);
  }

  /** The first {@code count} images as one float array, copied out of ND4J in one bulk transfer. */
  private static float[] pixels(INDArray images, int count, int h, int w) {
    if (count == 0) return new float[0];
    INDArray flat = images.reshape('c', images.size(0), (long) h * w)
        .get(NDArrayIndex.interval(0, count), NDArrayIndex.all());
    return flat.castTo(DataType.FLOAT).dup('c').data().asFloat();
  }

  private static void tile(BufferedImage out, float[] px, int offset, int h, int w, int scale, int x0, int y0) {
    int tw = w * scale;
    int[] line = new int[tw];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int g = grey(px[offset + y * w + x]);
        int rgb = 0xFF000000 | g << 16 | g << 8 | g;
        for (int s = 0; s < scale; s++) line[x * scale + s] = rgb;
      }
      for (int s = 0; s < scale; s++) out.setRGB(x0, y0 + y * scale + s, tw, 1, line, 0, tw);
    }
  }

  static int grey(float v) {
    if (!(v > 0)) return 0; // also NaN: a diverged G shows black, not an exception
    if (v >= 1) return 255;
    return Math.round(255f * v);
  }

  private static BufferedImage canvas(int w, int h, Color bg) {
    var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    fill(img, 0, 0, w, h, bg);
    return img;
  }

  private static void fill(BufferedImage img, int x0, int y0, int w, int h, Color c) {
    int[] line = new int[w];
    java.util.Arrays.fill(line, c.getRGB());
    for (int y = y0; y < y0 + h; y++) img.setRGB(x0, y, w, 1, line, 0, w);
  }
}
