package org.ganbook.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The long runs' curve.csv columns: names the committed results carry, means over the last epoch. */
class RunCurveColumnsTest {
  private static double meanOfLast(double[] v, int n) {
    return Arrays.stream(v, v.length - n, v.length).average().orElseThrow();
  }

  @Test void paperGanRunAveragesTheLastEpochUnderItsCurveNames() {
    var gan = LongRunTest.gan();
    gan.train(5);
    var row = new LinkedHashMap<String, Double>();
    PaperGanRun.lastEpochMeans(gan.history(), 3, row);
    assertEquals(List.of("mean_D_x", "mean_D_G_z", "minus_V", "loss_G"), List.copyOf(row.keySet()));
    var h = gan.history();
    assertEquals(meanOfLast(h.column("mean_D_x"), 3), row.get("mean_D_x"), 1e-12);
    assertEquals(meanOfLast(h.column("mean_D_G_z"), 3), row.get("mean_D_G_z"), 1e-12);
    assertEquals(meanOfLast(h.column("loss_D"), 3), row.get("minus_V"), 1e-12);
    assertEquals(meanOfLast(h.column("loss_G"), 3), row.get("loss_G"), 1e-12);
  }
}
