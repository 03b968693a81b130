package org.ganbook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RandomStateTest {
  private static long[] threadState() {
    return new long[] {Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()};
  }

  private static INDArray draw() { return Nd4j.rand(DataType.DOUBLE, 5, 2); }

  @Test void drawsAsAfterSeedingAndContinuesItsOwnStream() {
    Nd4j.getRandom().setSeed(42);
    INDArray first = draw(), second = draw();

    Nd4j.getRandom().setSeed(7);
    long[] caller = threadState();
    var state = RandomState.seeded(42);
    assertEquals(first, state.use(RandomStateTest::draw));
    assertArrayEquals(caller, threadState(), "the caller's generator is where it was");
    assertEquals(second, state.use(RandomStateTest::draw), "a second use continues from the first");
    assertArrayEquals(caller, threadState());
  }

  @Test void givesTheThreadItsStateBackWhenTheDrawsThrow() {
    Nd4j.getRandom().setSeed(3);
    long[] caller = threadState();
    var state = RandomState.seeded(42);
    assertThrows(IllegalStateException.class, () -> state.use(() -> {
      draw();
      throw new IllegalStateException("diverged");
    }));
    assertArrayEquals(caller, threadState());
    Nd4j.getRandom().setSeed(42);
    draw();
    INDArray afterOne = draw();
    assertEquals(afterOne, state.use(RandomStateTest::draw), "the draws made before the exception count");
  }

  @Test void savesAndRestoresAsTwoLongs() {
    var state = RandomState.seeded(5);
    state.use(RandomStateTest::draw);
    var copy = RandomState.of(state.toArray());
    assertEquals(state.use(RandomStateTest::draw), copy.use(RandomStateTest::draw));
    var e = assertThrows(IllegalArgumentException.class, () -> RandomState.of(new long[] {1, 2, 3}));
    assertTrue(e.getMessage().contains("3: [1, 2, 3]"), e.getMessage());
  }
}
