package org.ganbook.loops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ganbook.data.RandomState;
import org.ganbook.nn.Dropout;
import org.ganbook.nn.GaussianNoise;
import org.ganbook.nn.Mode;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DrawsTest {
  private static final int N = 300 * 1000; // the semi-supervised D's first noise layer, 19 chunks

  private static INDArray input() { return Nd4j.linspace(-1, 1, N, DataType.FLOAT).reshape(300, 1000); }

  /** Moments and the share within 1 and 2 sigma of noise = y - x, against N(0, sigma^2). */
  private static void assertNormal(INDArray noise, double sigma) {
    float[] e = noise.data().asFloat();
    double sum = 0, squares = 0, within1 = 0, within2 = 0, fourth = 0;
    for (float v : e) {
      sum += v;
      squares += v * v;
      fourth += Math.pow(v / sigma, 4);
      if (Math.abs(v) < sigma) within1++;
      if (Math.abs(v) < 2 * sigma) within2++;
    }
    double n = e.length, mean = sum / n, sd = Math.sqrt(squares / n - mean * mean);
    assertEquals(0, mean, 5 * sigma / Math.sqrt(n), "mean");
    assertEquals(sigma, sd, 5 * sigma / Math.sqrt(2 * n), "standard deviation");
    assertEquals(3, fourth / n, 0.05, "kurtosis of a normal");
    assertEquals(0.682689, within1 / n, 5 * Math.sqrt(0.22 / n), "P(|x| < sigma)");
    assertEquals(0.954500, within2 / n, 5 * Math.sqrt(0.044 / n), "P(|x| < 2 sigma)");
  }

  @Test void plusNormalAddsNormalNoiseLikeNd4jsOp() {
    INDArray x = input();
    var layer = new GaussianNoise(0.3);
    Nd4j.getRandom().setSeed(1);
    assertNormal(layer.forward(x, Mode.TRAIN).sub(x), 0.3);
    assertNormal(Loops.ndOnly(() -> layer.forward(x, Mode.TRAIN)).sub(x), 0.3); // the op it replaces
  }

  @Test void theSameSeedGivesTheSameDrawsOnAnyNumberOfThreads() {
    INDArray x = input();
    Nd4j.getRandom().setSeed(11);
    long seed = Nd4j.getRandom().nextLong();
    Nd4j.getRandom().setSeed(11);
    float[] drawn = Draws.plusNormal(x, 0.5).data().asFloat();
    // chunk by chunk on this thread alone, from the seed the call took
    float[] in = x.data().asFloat();
    int[] bits = new int[Loops.BLOCK];
    float[] z = new float[Loops.BLOCK];
    for (int chunk = 0; chunk * Loops.CHUNK < N; chunk++) {
      var random = Draws.stream(seed, chunk);
      int end = Math.min(N, (chunk + 1) * Loops.CHUNK);
      for (int start = chunk * Loops.CHUNK; start < end; start += Loops.BLOCK) {
        int length = Math.min(Loops.BLOCK, end - start);
        BoxMuller.fill(random, bits, z, length + length % 2);
        for (int i = 0; i < length; i++) assertEquals(in[start + i] + 0.5f * z[i], drawn[start + i], "element " + (start + i));
      }
    }
    Nd4j.getRandom().setSeed(12);
    assertNotEquals(x.sub(Draws.plusNormal(x, 0.5)).getFloat(0), in[0] - drawn[0], "another seed, other draws");
  }

  @Test void chunksDrawIndependentStreams() {
    Nd4j.getRandom().setSeed(3);
    float[] noise = Draws.plusNormal(Nd4j.zeros(DataType.FLOAT, 2 * Loops.CHUNK), 1).data().asFloat();
    double product = 0;
    for (int i = 0; i < Loops.CHUNK; i++) product += noise[i] * noise[i + Loops.CHUNK];
    assertEquals(0, product / Loops.CHUNK, 5 / Math.sqrt(Loops.CHUNK), "correlation of chunk 0 and chunk 1");
  }

  @Test void aRandomStateGovernsTheDrawsAndLeavesTheCallersGeneratorAlone() {
    INDArray x = input();
    Nd4j.getRandom().setSeed(99);
    long root = Nd4j.getRandom().rootState(), node = Nd4j.getRandom().nodeState();
    var a = RandomState.seeded(5);
    var b = RandomState.seeded(5);
    INDArray first = a.use(() -> Draws.plusNormal(x, 0.5));
    assertEquals(first, b.use(() -> Draws.plusNormal(x, 0.5)));
    assertNotEquals(first, a.use(() -> Draws.plusNormal(x, 0.5)), "the state moved on");
    assertEquals(root, Nd4j.getRandom().rootState());
    assertEquals(node, Nd4j.getRandom().nodeState());
  }

  @Test void dropoutKeepsTheRightShareScaledAndRemembersItsMask() {
    INDArray x = input();
    var layer = new Dropout(0.8);
    Nd4j.getRandom().setSeed(4);
    INDArray y = layer.forward(x, Mode.TRAIN);
    INDArray dy = Nd4j.ones(DataType.FLOAT, 300, 1000);
    INDArray mask = layer.backward(dy, false, true);
    float[] m = mask.data().asFloat();
    int kept = 0;
    for (float v : m) {
      assertTrue(v == 0f || v == 1.25f, "mask value " + v);
      if (v != 0) kept++;
    }
    assertEquals(0.8, kept / (double) N, 5 * Math.sqrt(0.16 / N), "share kept");
    assertEquals(x.mul(mask), y, "y = x * mask");
    INDArray ndMask = Loops.ndOnly(() -> {
      layer.forward(x, Mode.TRAIN);
      return layer.backward(dy, false, true);
    });
    assertEquals(0.8, ndMask.gt(0).castTo(DataType.FLOAT).meanNumber().doubleValue(), 5 * Math.sqrt(0.16 / N),
        "the op it replaces keeps the same share");
  }

  @Test void dropoutWithKeepOneKeepsEverything() {
    INDArray x = input(), mask = Nd4j.createUninitialized(DataType.FLOAT, 300, 1000), y = mask.like();
    Draws.dropout(x, 1.0, mask, y);
    assertArrayEquals(x.data().asFloat(), y.data().asFloat());
  }
}
