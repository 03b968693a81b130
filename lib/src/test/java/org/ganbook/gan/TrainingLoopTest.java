package org.ganbook.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainingLoopTest {
  private static long[] threadState() {
    return new long[] {Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()};
  }

  @Test void drawsFromItsSeedAcrossCallsAndLeavesTheCallersGenerator() {
    Nd4j.getRandom().setSeed(21);
    double[] expected = new double[5];
    for (int i = 0; i < 5; i++) expected[i] = Nd4j.rand(DataType.DOUBLE, 1).getDouble(0);

    var loop = new TrainingLoop(this, 21);
    List<Double> drawn = new ArrayList<>();
    List<Long> numbers = new ArrayList<>(), done = new ArrayList<>();
    Nd4j.getRandom().setSeed(8);
    long[] caller = threadState();
    TrainingLoop.Iteration body = i -> {
      numbers.add(i);
      drawn.add(Nd4j.rand(DataType.DOUBLE, 1).getDouble(0));
    };
    loop.run(2, body, done::add);
    assertArrayEquals(caller, threadState());
    Nd4j.rand(DataType.DOUBLE, 3); // the caller's draws between calls do not reach the loop
    loop.run(3, body, done::add);
    assertArrayEquals(expected, drawn.stream().mapToDouble(Double::doubleValue).toArray(), 0);
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), numbers);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), done);
    assertEquals(5, loop.iteration);
  }

  @Test void anInterruptStopsBeforeTheNextIteration() {
    var loop = new TrainingLoop(this, 1);
    List<Long> numbers = new ArrayList<>();
    var e = assertThrows(CancellationException.class, () -> loop.run(10, i -> {
      numbers.add(i);
      if (i == 2) Thread.currentThread().interrupt();
    }, n -> {}));
    assertEquals(List.of(0L, 1L, 2L), numbers);
    assertEquals(3, loop.iteration, "the interrupted iteration was completed");
    assertTrue(e.getMessage().contains("after iteration 2"), e.getMessage());
    assertTrue(!Thread.currentThread().isInterrupted(), "the flag is consumed");
  }

  @Test void aNonFiniteLossNamesTheIterationNetworkAndLoss() {
    var loop = new TrainingLoop(this, 1);
    var e = assertThrows(TrainingDivergedException.class, () -> loop.run(5, i -> {
      INDArray x = Nd4j.scalar(i == 3 ? Double.NaN : 1.0);
      loop.requireFinite(x.getDouble(0), "D", "-V");
    }, n -> {}));
    assertEquals(3, loop.iteration);
    assertTrue(e.getMessage().contains("3") && e.getMessage().contains("D") && e.getMessage().contains("-V"), e.getMessage());
    var negative = assertThrows(IllegalArgumentException.class, () -> loop.run(-1, i -> {}, n -> {}));
    assertEquals("iterations must be >= 0, got -1", negative.getMessage());
  }
}
