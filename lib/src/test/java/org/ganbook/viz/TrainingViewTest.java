package org.ganbook.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ganbook.gan.Algorithm1;
import org.ganbook.gan.GanConfig;
import org.ganbook.gan.Progress;
import org.ganbook.data.Sampler;
import org.ganbook.loss.GeneratorLoss;
import org.ganbook.nn.Dense;
import org.ganbook.nn.Init;
import org.ganbook.nn.LeakyRelu;
import org.ganbook.nn.Sequential;
import org.ganbook.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class TrainingViewTest {

  static { Pngs.headless(); }

  @TempDir Path tmp;

  static Algorithm1 tinyGan() {
    Nd4j.getRandom().setSeed(1);
    Sampler pData = m -> Nd4j.randn(DataType.FLOAT, m, 1).addi(3);
    Sampler pZ = m -> Nd4j.rand(DataType.FLOAT, m, 1);
    var g = new Sequential("G", new Dense(1, 8, Init.glorot()), new LeakyRelu(0.2), new Dense(8, 1, Init.glorot()));
    var d = new Sequential("D", new Dense(1, 8, Init.glorot()), new LeakyRelu(0.2), new Dense(8, 1, Init.glorot()));
    return new Algorithm1(g, d, pData, pZ, new Adam(1e-3, 0.5), new Adam(1e-3, 0.5),
        new GanConfig(1, 16, GeneratorLoss.NON_SATURATING, 1));
  }

  @Test void rendersEveryObservationWithABarThatGrows() throws Exception {
    var gan = tinyGan();
    var view = new TrainingView("toy");
    List<BufferedImage> frames = new ArrayList<>();
    List<Progress> seen = new ArrayList<>();
    gan.observe(20, p -> { frames.add(view.render(p)); seen.add(p); });
    gan.train(60);
    assertEquals(3, frames.size());
    BufferedImage last = Pngs.roundTrip(frames.get(2), Pngs.dir(tmp).resolve("training-view.png"));
    assertTrue(last.getWidth() >= 2 * TrainingView.CHART_WIDTH);
    // The bar is drawn in p_g's green, in proportion to the fraction done.
    int first = Pngs.count(frames.get(0), Theme.P_G, 0), full = Pngs.count(frames.get(2), Theme.P_G, 0);
    assertTrue(full > first, "bar grows: " + first + " -> " + full);
    assertTrue(TrainingView.status(seen.get(2)).startsWith("100%"), TrainingView.status(seen.get(2)));
    assertTrue(TrainingView.status(seen.get(0)).contains("iteration 20 of 60"), TrainingView.status(seen.get(0)));
  }

  @Test void rendersAHistoryAndAnExtraPicture() {
    var gan = tinyGan();
    var empty = new TrainingView("before").render(gan.history());
    assertEquals(TrainingView.HEADER, empty.getHeight(), "no iterations, no charts");
    gan.train(30);
    var picture = new BufferedImage(100, 120, BufferedImage.TYPE_INT_RGB);
    var withPicture = new TrainingView("after").withPicture(() -> picture).render(gan.history());
    var without = new TrainingView("after").render(gan.history());
    assertEquals(without.getWidth() + 100 + Panels.GAP, withPicture.getWidth());
    assertTrue(Pngs.count(without, Color.WHITE, 0) > 0);
  }

  @Test void formatsDurationsAndSmoothing() {
    assertEquals("42s", TrainingView.duration(42.4));
    assertEquals("2m05s", TrainingView.duration(125));
    assertEquals("1h01m", TrainingView.duration(3661));
    assertEquals("?", TrainingView.duration(Double.NaN));
    assertEquals(1, TrainingView.smoothing(30));
    assertEquals(20, TrainingView.smoothing(1000));
    assertEquals(500, TrainingView.smoothing(1_000_000));
  }
}
