package org.ganbook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The toy distributions as Samplers: the same draws as their own sample methods, from the thread's generator. */
class ToySamplerTest {
  private static long[] state() {
    return new long[] {Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()};
  }

  @Test void asASamplerEachDrawsWhatItsOwnMethodDrawsFromTheThreadsGenerator() {
    var gaussian = Toy.gaussian(2, 0.5);
    var uniform = Toy.uniform(-1, 1);
    var ring = Toy.ring();
    List<Sampler> samplers = List.of(gaussian, uniform, ring, uniform.inDimensions(3));
    List<java.util.function.IntFunction<INDArray>> own = List.of(
        m -> gaussian.sample(m, Nd4j.getRandom()),
        m -> uniform.sample(m, 1, Nd4j.getRandom()),
        m -> ring.sample(m, Nd4j.getRandom()),
        m -> uniform.sample(m, 3, Nd4j.getRandom()));
    long[] shapes = {1, 1, 2, 3};
    for (int i = 0; i < samplers.size(); i++) {
      Nd4j.getRandom().setSeed(11);
      INDArray first = samplers.get(i).sample(64);
      INDArray second = samplers.get(i).sample(64);
      long[] after = state();
      Nd4j.getRandom().setSeed(11);
      assertEquals(own.get(i).apply(64), first, "sampler " + i);
      assertEquals(own.get(i).apply(64), second, "sampler " + i + " continues the same stream");
      assertArrayEquals(after, state(), "sampler " + i + " consumed what its own method consumes");
      assertArrayEquals(new long[] {64, shapes[i]}, first.shape());
      assertNotEquals(first, second);
    }
  }

  @Test void seededSamplesComeFromAFreshGeneratorAndLeaveTheThreadsAlone() {
    var gaussian = Toy.gaussian(2, 0.5);
    var uniform = Toy.uniform(-1, 1);
    var ring = Toy.ring();
    List<Sampler> samplers = List.of(gaussian, uniform, ring);
    List<INDArray> own = List.of(gaussian.sample(50, 9L), uniform.sample(50, 1, 9L), ring.sample(50, 9L));
    for (int i = 0; i < samplers.size(); i++) {
      Nd4j.getRandom().setSeed(123);
      long[] before = state();
      assertEquals(own.get(i), samplers.get(i).sample(50, 9L), "sampler " + i);
      assertArrayEquals(before, state(), "sampler " + i + " left this thread's generator alone");
      // The same rows as Sampler's contract promises: drawn right after seeding this thread's generator.
      Nd4j.getRandom().setSeed(9);
      assertEquals(own.get(i), samplers.get(i).sample(50), "sampler " + i);
    }
  }

  @Test void inDimensionsNeedsACoordinate() {
    var e = assertThrows(IllegalArgumentException.class, () -> Toy.uniform(-1, 1).inDimensions(0));
    assertEquals("z needs at least one coordinate, got dim = 0", e.getMessage());
  }
}
