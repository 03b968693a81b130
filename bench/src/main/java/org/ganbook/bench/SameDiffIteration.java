package org.ganbook.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ganbook.gan.PaperMnist;
import org.ganbook.nn.Parameter;
import org.ganbook.nn.Sequential;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The same Algorithm 1 iteration written with SameDiff's automatic differentiation instead of the
 * library's hand-written backward passes, so that bench/run.sh --samediff re-measures the design
 * decision recorded in bench/README.md.
 *
 * <p>Two graphs share D's weight arrays: the D step's (D on the 2m stacked rows, gradients for D)
 * and the G step's (G then D, gradients for G). Dropout masks are drawn outside the graphs as the
 * library draws them and fed as placeholders; maxout's maximum is a max-pool over the pieces (ND4J's
 * generic reduce_max backward is far slower); SGD with momentum is the same rule as ganbook's Sgd.
 */
final class SameDiffIteration {
  private static final double[] KEEP = {0.8, 0.5, 0.5};
  private final SameDiff dStep = SameDiff.create();
  private final SameDiff gStep = SameDiff.create();
  private final List<String> dNames = new ArrayList<>();
  private final List<String> gNames = new ArrayList<>();
  private final Map<String, INDArray> velocity = new HashMap<>();
  private final INDArray data;
  private final INDArray labels;
  private final int m;
  private long updates;

  SameDiffIteration(Sequential g, Sequential d, INDArray data, int m) {
    this.data = data;
    this.m = m;
    this.labels = Nd4j.vstack(Nd4j.ones(DataType.FLOAT, m, 1), Nd4j.zeros(DataType.FLOAT, m, 1));

    // D step: the loss -V(D, G) = 2 BCE on 2m logits, from the logits: softplus(a) - t a.
    SDVariable x = dStep.placeHolder("x", DataType.FLOAT, -1, 784);
    SDVariable t = dStep.placeHolder("t", DataType.FLOAT, -1, 1);
    SDVariable a = discriminator(dStep, x, variables(dStep, d, dNames, null));
    dStep.mean(dStep.nn.softplus(a).sub(t.mul(a))).mul(2.0).rename("lossD");
    dStep.setLossVariables("lossD");

    // G step: the non-saturating loss -log D(G(z)) = softplus(-a); D's arrays are the D step's.
    SDVariable z = gStep.placeHolder("z", DataType.FLOAT, -1, PaperMnist.NOISE_DIMENSION);
    List<SDVariable> gw = variables(gStep, g, gNames, null);
    SDVariable fake = generator(gStep, z, gw).rename("fake");
    SDVariable aG = discriminator(gStep, fake, variables(gStep, d, new ArrayList<>(), dStep));
    gStep.mean(gStep.nn.softplus(aG.neg())).rename("lossG");
    gStep.setLossVariables("lossG");
  }

  /** One variable per parameter of {@code net}, initialised from it, or sharing {@code owner}'s arrays. */
  private static List<SDVariable> variables(SameDiff sd, Sequential net, List<String> names, SameDiff owner) {
    var vars = new ArrayList<SDVariable>();
    for (Parameter p : net.parameters()) {
      String name = p.name().replace('.', '_');
      INDArray value = owner == null ? p.value().dup() : owner.getArrForVarName(name);
      vars.add(sd.var(name, value));
      if (owner != null) sd.associateArrayWithVariable(value, name);
      names.add(name);
    }
    return vars;
  }

  private static SDVariable generator(SameDiff sd, SDVariable z, List<SDVariable> w) {
    SDVariable h = sd.nn.relu(sd.mmul(z, w.get(0)).add(w.get(1)), 0);
    h = sd.nn.relu(sd.mmul(h, w.get(2)).add(w.get(3)), 0);
    return sd.nn.sigmoid(sd.mmul(h, w.get(4)).add(w.get(5)));
  }

  private static SDVariable discriminator(SameDiff sd, SDVariable x, List<SDVariable> w) {
    SDVariable h = x.mul(mask(sd, 0, 784));
    h = maxout(sd, sd.mmul(h, w.get(0)).add(w.get(1)));
    h = h.mul(mask(sd, 1, 240));
    h = maxout(sd, sd.mmul(h, w.get(2)).add(w.get(3)));
    h = h.mul(mask(sd, 2, 240));
    return sd.mmul(h, w.get(4)).add(w.get(5));
  }

  private static SDVariable mask(SameDiff sd, int i, long columns) {
    return sd.placeHolder("mask" + i, DataType.FLOAT, -1, columns);
  }

  /** 240 units of 5 pieces, piece-major columns as ganbook's Maxout: a 5 x 1 max-pool over [n, 1, 5, 240]. */
  private static SDVariable maxout(SameDiff sd, SDVariable z) {
    var pool = Pooling2DConfig.builder().kH(5).kW(1).sH(5).sW(1).isNHWC(false).build();
    return sd.reshape(sd.cnn.maxPooling2d(sd.reshape(z, -1, 1, 5, 240), pool), -1, 240);
  }

  private Map<String, INDArray> masks(Map<String, INDArray> feed, long rows) {
    long[] columns = {784, 240, 240};
    for (int i = 0; i < 3; i++) {
      INDArray mask = Nd4j.createUninitialized(DataType.FLOAT, rows, columns[i]);
      Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, KEEP[i]), Nd4j.getRandom());
      feed.put("mask" + i, mask.divi(KEEP[i]));
    }
    return feed;
  }

  void iteration() {
    double r = Math.sqrt(3);
    // D step
    int[] rows = new int[m];
    for (int i = 0; i < m; i++) rows[i] = Nd4j.getRandom().nextInt((int) data.rows());
    INDArray real = Nd4j.pullRows(data, 1, rows);
    INDArray z = Nd4j.rand(DataType.FLOAT, m, PaperMnist.NOISE_DIMENSION).muli(2 * r).subi(r);
    INDArray fake = gStep.output(Map.of("z", z), "fake").get("fake");
    var feedD = masks(new HashMap<>(Map.of("x", Nd4j.vstack(real, fake), "t", labels)), 2L * m);
    step(dStep, dStep.calculateGradients(feedD, dNames));
    // G step
    INDArray z2 = Nd4j.rand(DataType.FLOAT, m, PaperMnist.NOISE_DIMENSION).muli(2 * r).subi(r);
    var feedG = masks(new HashMap<>(Map.of("z", z2)), m);
    step(gStep, gStep.calculateGradients(feedG, gNames));
    updates++;
  }

  /** The paper's SGD with momentum (the rule and schedules of ganbook's Sgd.paperMnist). */
  private void step(SameDiff sd, Map<String, INDArray> gradients) {
    double lr = Math.max(0.1 / Math.pow(1.000004, updates), 1e-6);
    double mu = 0.5 + 0.2 * Math.min(updates / (double) PaperMnist.MOMENTUM_SATURATES, 1.0);
    gradients.forEach((name, g) -> {
      INDArray value = sd.getArrForVarName(name);
      INDArray v = velocity.computeIfAbsent(sd == dStep ? "D/" + name : "G/" + name, k -> Nd4j.zeros(value.dataType(), value.shape()));
      v.muli(mu);
      Nd4j.getBlasWrapper().level1().axpy(v.length(), -lr, g, v);
      value.addi(v);
    });
  }

  /** Whether the G step's graph sees the D step's updates of D's weights (shared arrays, no copies). */
  boolean sharesWeights() {
    for (String name : dNames) {
      if (dStep.getArrForVarName(name) != gStep.getArrForVarName(name)) return false;
    }
    return true;
  }
}
