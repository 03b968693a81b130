package org.ganbook.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ImageGridTest {

  static { Pngs.headless(); }

  @TempDir Path tmp;

  /** n images of h*w pixels with values that differ per image and pixel, all of [0, 1] used. */
  static INDArray pattern(int n, int h, int w) {
    float[] v = new float[n * h * w];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < h * w; p++) v[i * h * w + p] = ((i * 37 + p * 11) % 256) / 255f;
    }
    return Nd4j.create(v, new long[] {n, (long) h * w}, 'c');
  }

  /** The first n MNIST test digits when the data are on this machine, for the sample PNGs only. */
  static INDArray mnistOrPattern(int n) throws IOException {
    Path f = Path.of(System.getProperty("user.home"), ".cache/ganbook/mnist/t10k-images-idx3-ubyte");
    if (!Files.isRegularFile(f)) return pattern(n, 28, 28);
    try (var in = new DataInputStream(Files.newInputStream(f))) {
      in.skipNBytes(16);
      byte[] b = in.readNBytes(n * 784);
      float[] v = new float[b.length];
      for (int i = 0; i < b.length; i++) v[i] = (b[i] & 0xFF) / 255f;
      return Nd4j.create(v, new long[] {n, 784}, 'c');
    }
  }

  static int grey(BufferedImage img, int x, int y) {
    int rgb = img.getRGB(x, y);
    int r = rgb >> 16 & 0xFF, g = rgb >> 8 & 0xFF, b = rgb & 0xFF;
    assertEquals(r, g, "grey pixel at " + x + "," + y);
    assertEquals(g, b, "grey pixel at " + x + "," + y);
    return r;
  }

  @Test
  void tileRcHoldsRowRTimesColsPlusCExactly() throws Exception {
    int n = 12, h = 5, w = 7, rows = 3, cols = 4, scale = 3;
    INDArray images = pattern(n, h, w);
    BufferedImage img = Pngs.roundTrip(ImageGrid.of(images, h, w, rows, cols, scale), tmp.resolve("grid.png"));
    int pad = ImageGrid.PAD;
    assertEquals(cols * w * scale + (cols + 1) * pad, img.getWidth());
    assertEquals(rows * h * scale + (rows + 1) * pad, img.getHeight());
    float[] v = images.data().asFloat();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int i = r * cols + c;
        int x0 = pad + c * (w * scale + pad), y0 = pad + r * (h * scale + pad);
        for (int y = 0; y < h * scale; y++) {
          for (int x = 0; x < w * scale; x++) {
            int expected = Math.round(255f * v[i * h * w + (y / scale) * w + x / scale]);
            assertEquals(expected, grey(img, x0 + x, y0 + y), "tile (" + r + "," + c + ") pixel " + x + "," + y);
          }
        }
      }
    }
    assertEquals(ImageGrid.PAD_COLOUR.getRGB(), img.getRGB(0, 0), "padding");
  }

  @Test
  void acceptsViewsOtherShapesAndTypesAndClamps() {
    INDArray base = pattern(10, 4, 4).castTo(DataType.DOUBLE);
    // A view starting at row 3 (an offset into the buffer) must show rows 3.. not 0..
    INDArray view = base.get(NDArrayIndex.interval(3, 7), NDArrayIndex.all());
    BufferedImage a = ImageGrid.of(view, 4, 4, 1, 4, 1);
    BufferedImage b = ImageGrid.of(base.get(NDArrayIndex.interval(3, 7), NDArrayIndex.all()).dup().reshape(4, 1, 4, 4), 4, 4, 1, 4, 1);
    for (int x = 0; x < a.getWidth(); x++) for (int y = 0; y < a.getHeight(); y++) assertEquals(b.getRGB(x, y), a.getRGB(x, y));
    assertEquals(Math.round(255 * base.getDouble(3, 0)), grey(a, ImageGrid.PAD, ImageGrid.PAD));
    // Out-of-range values (a tanh G, a diverged G) are clamped, not wrapped.
    INDArray odd = Nd4j.create(new float[] {-0.5f, 2f, Float.NaN, 0.5f}, new long[] {1, 4});
    BufferedImage c = ImageGrid.of(odd, 2, 2, 1, 1, 1);
    assertEquals(0, grey(c, ImageGrid.PAD, ImageGrid.PAD));
    assertEquals(255, grey(c, ImageGrid.PAD + 1, ImageGrid.PAD));
    assertEquals(0, grey(c, ImageGrid.PAD, ImageGrid.PAD + 1));
    assertEquals(128, grey(c, ImageGrid.PAD + 1, ImageGrid.PAD + 1));
  }

  @Test
  void fewerImagesThanTilesLeaveTilesEmpty() {
    BufferedImage img = ImageGrid.of(pattern(3, 4, 4), 4, 4, 2, 2, 1);
    int x = ImageGrid.PAD + 4 + ImageGrid.PAD + 1, y = ImageGrid.PAD + 4 + ImageGrid.PAD + 1; // tile (1, 1)
    assertEquals(ImageGrid.PAD_COLOUR.getRGB(), img.getRGB(x, y));
  }

  @Test
  void refusesShapesThatAreNotImagesOfTheGivenSize() {
    var e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(pattern(4, 28, 28), 20, 20, 2, 2, 1));
    assertTrue(e.getMessage().contains("20x20"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(pattern(4, 28, 28), 0, 2));
    assertThrows(IllegalArgumentException.class, () -> ImageGrid.pairs(pattern(4, 28, 28), pattern(3, 28, 28), 2, 2));
  }

  @Test
  void mnistGridAtTwiceTheSize() throws Exception {
    BufferedImage img = ImageGrid.of(mnistOrPattern(60), 6, 10);
    assertEquals(10 * 56 + 11 * ImageGrid.PAD, img.getWidth());
    Pngs.roundTrip(img, Pngs.dir(tmp).resolve("image-grid.png"));
  }

  @Test
  void pairsFrameTheNearestNeighbourInYellow() throws Exception {
    INDArray digits = mnistOrPattern(24);
    INDArray samples = digits.get(NDArrayIndex.interval(0, 12), NDArrayIndex.all());
    INDArray neighbours = digits.get(NDArrayIndex.interval(12, 24), NDArrayIndex.all());
    BufferedImage img = Pngs.roundTrip(ImageGrid.pairs(samples, neighbours, 3, 4), Pngs.dir(tmp).resolve("image-pairs.png"));
    assertTrue(Pngs.count(img, ImageGrid.NEIGHBOUR_FRAME, 0) >= 12 * 2 * (56 + 60), "a yellow frame per neighbour");
    // Pair 0: sample at (gap + frame, gap + frame), its neighbour one tile, two frames and PAD to the right.
    float[] s = samples.dup().data().asFloat(), nb = neighbours.dup().data().asFloat();
    int sx = 10 + 2, sy = 10 + 2, nx = sx + 56 + 2 + ImageGrid.PAD + 2;
    for (int p = 0; p < 784; p += 29) {
      int px = p % 28 * 2, py = p / 28 * 2;
      assertEquals(Math.round(255 * s[p]), grey(img, sx + px, sy + py));
      assertEquals(Math.round(255 * nb[p]), grey(img, nx + px, sy + py));
    }
  }
}
