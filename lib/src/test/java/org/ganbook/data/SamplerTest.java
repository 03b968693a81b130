package org.ganbook.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class SamplerTest {
  @Test void rowsOfDrawsWholeRowsOfTheDataSet() {
    // Row i holds the values 3 i, 3 i + 1, 3 i + 2: a drawn row identifies itself.
    var data = Nd4j.linspace(0, 29, 30, DataType.FLOAT).reshape(10, 3);
    var batch = Sampler.rowsOf(data).sample(50, 7);
    assertEquals(50, batch.rows());
    var seen = new java.util.HashSet<Integer>();
    for (int r = 0; r < 50; r++) {
      int i = (int) Math.round(batch.getDouble(r, 0) / 3);
      assertEquals(data.getRow(i), batch.getRow(r));
      seen.add(i);
    }
    assertTrue(seen.size() > 5, "rows drawn: " + seen);
    assertEquals(batch, Sampler.rowsOf(data).sample(50, 7), "the same seed draws the same rows");
  }

  @Test void seededSampleRepeatsAndLeavesTheThreadsGeneratorAlone() {
    Sampler pZ = m -> Nd4j.rand(DataType.FLOAT, m, 3);
    Nd4j.getRandom().setSeed(5);
    var expected = pZ.sample(4);
    Nd4j.getRandom().setSeed(77);
    long[] before = {Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()};
    assertEquals(expected, pZ.sample(4, 5), "the rows drawn right after seeding with 5");
    assertEquals(expected, pZ.sample(4, 5), "the same rows again");
    org.junit.jupiter.api.Assertions.assertArrayEquals(before,
        new long[] {Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()}, "the thread's generator did not move");
  }
}
