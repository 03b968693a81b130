package org.ganbook.gan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.ganbook.data.Sampler;
import org.ganbook.loss.Loss;
import org.ganbook.loss.ValueFunction;
import org.ganbook.nn.Mode;
import org.ganbook.nn.Sequential;
import org.ganbook.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Algorithm 1 of Goodfellow et al. (2014): minibatch stochastic gradient training of generative
 * adversarial nets.
 *
 * <pre>
 * for number of training iterations do
 *   for k steps do
 *     sample m noise samples z from p_z and m examples x from p_data
 *     update D by ascending its stochastic gradient of V(D, G)
 *   sample m noise samples z from p_z
 *   update G by descending its stochastic gradient of log(1 - D(G(z)))   (or ascending log D(G(z)))
 * </pre>
 *
 * D outputs a logit a, D(x) = sigmoid(a); the losses work from logits (see {@link ValueFunction}).
 * {@link GanConfig} also offers what the paper's code did instead of the printed algorithm: the
 * simultaneous update and D's mean cross-entropy (see {@link GanConfig#paperCode}).
 * The trainer owns the state of the random generator it trains with, so a seed gives the same
 * history every time, in any thread, and a checkpoint resumes exactly.
 */
public final class Algorithm1 {
  final Sequential generator;
  final Sequential discriminator;
  final Optimizer optimizerD;
  final Optimizer optimizerG;
  /** Read by the training thread only; {@link #reconfigure} hands a new one over through {@link #next}. */
  GanConfig config;
  private volatile GanConfig next;
  final Sampler pData;
  private final Sampler pZ;
  final History history = new History();
  /** The iterations done, the random generator's state, the stop button, the iterations' memory. */
  final TrainingLoop loop;
  private int observeEvery;
  private Consumer<Progress> observer;

  public Algorithm1(Sequential generator, Sequential discriminator, Sampler pData, Sampler pZ,
                    Optimizer optimizerD, Optimizer optimizerG, GanConfig config) {
    this.generator = generator;
    this.discriminator = discriminator;
    this.pData = pData;
    this.pZ = pZ;
    this.optimizerD = optimizerD;
    this.optimizerG = optimizerG;
    this.config = config;
    this.loop = new TrainingLoop(this, config.seed());
  }

  /** Calls {@code observer} after every {@code every} iterations and after the last one of each {@code train} call. */
  public Algorithm1 observe(int every, Consumer<Progress> observer) {
    if (every < 1) throw new IllegalArgumentException("observe every >= 1 iterations, got " + every);
    this.observeEvery = every;
    this.observer = observer;
    return this;
  }

  /** Runs {@code iterations} more iterations of Algorithm 1 and returns the whole history. */
  public History train(int iterations) {
    long from = loop.iteration;
    long to = from + iterations;
    long start = System.nanoTime();
    loop.run(iterations, iteration -> {
      GanConfig changed = next;
      if (changed != null) {   // a change takes effect between iterations, never inside one
        config = changed;
        next = null;
      }
      Step d = null;
      double lossG;
      if (config.update() == GanConfig.Update.SIMULTANEOUS) {
        d = simultaneousStep(pData.sample(config.m()), pZ.sample(config.m()));
        lossG = d.lossG;
      } else {
        for (int step = 0; step < config.k(); step++) {
          d = discriminatorStep(pData.sample(config.m()), pZ.sample(config.m()));
        }
        lossG = generatorStep(pZ.sample(config.m()));
      }
      history.append((int) iteration, d.lossD, lossG, d.meanDx, d.meanDGz,
          gradientNorm(optimizerD, discriminator), gradientNorm(optimizerG, generator));
    }, done -> {
      if (observer != null && (done % observeEvery == 0 || done == to)) {
        observer.accept(new Progress(done - 1, from, to, (System.nanoTime() - start) / 1e9, history));
      }
    });
    return history;
  }

  /** A network's gradient norm for the history: summed by its optimizer's last update where it was, else now. */
  private static double gradientNorm(Optimizer optimizer, Sequential network) {
    double norm = optimizer.lastGradientNorm();
    return Double.isNaN(norm) ? network.gradientNorm() : norm;
  }

  /** What a step reports: -V, G's loss (simultaneous update only), mean D(x) and mean D(G(z)). */
  private record Step(double lossD, double lossG, double meanDx, double meanDGz) {}

  /** Update D by ascending its stochastic gradient of V(D, G) on m real and m generated examples. */
  private Step discriminatorStep(INDArray x, INDArray z) {
    DiscriminatorStep step = discriminatorForward(x, generator.forward(z, Mode.TRAIN));
    step.update(optimizerD);
    return step(step, Double.NaN);
  }

  /**
   * The paper's code's step: one forward of D on m real and m generated examples serves both
   * networks. G's gradient flows back through D as it is before its update, with the same dropout
   * masks; then both networks take their steps.
   */
  private Step simultaneousStep(INDArray x, INDArray z) {
    int m = config.m();
    DiscriminatorStep step = discriminatorForward(x, generator.forward(z, Mode.TRAIN));
    INDArray logits = step.logits();
    Loss lossG = config.generatorLoss().of(logits.get(NDArrayIndex.interval(m, 2 * m), NDArrayIndex.all()));
    requireFinite(lossG.value(), "G", config.generatorLoss().toString());
    // G's loss depends on the generated rows only: the real rows' output gradient is zero.
    INDArray outputGradientG = Nd4j.zeros(logits.dataType(), logits.shape());
    outputGradientG.get(NDArrayIndex.interval(m, 2 * m), NDArrayIndex.all()).assign(lossG.gradient());
    INDArray inputGradient = discriminator.backwardToInput(outputGradientG);
    generator.backward(inputGradient.get(NDArrayIndex.interval(m, 2 * m), NDArrayIndex.all()).dup());
    step.update(optimizerD);
    optimizerG.step(generator.parameters());
    return step(step, lossG.value());
  }

  /** D's forward pass and cost on m real then m generated examples, the cost checked finite before D changes. */
  private DiscriminatorStep discriminatorForward(INDArray x, INDArray fake) {
    if (x.rows() != config.m() || fake.rows() != config.m()) {
      throw new IllegalArgumentException("a minibatch has m = " + config.m() + " rows, but p_data gave "
          + java.util.Arrays.toString(x.shape()) + " and G(z) is " + java.util.Arrays.toString(fake.shape()));
    }
    DiscriminatorStep step = DiscriminatorStep.forward(discriminator, x, fake, config.discriminatorCost());
    requireFinite(step.cost().value(), "D", config.discriminatorCost().toString());
    return step;
  }

  private Step step(DiscriminatorStep d, double lossG) {
    double[] meanD = d.meanD();
    return new Step(d.cost().value() / config.discriminatorCost().scale(), lossG, meanD[0], meanD[1]);
  }

  /** Update G by descending the gradient of its loss, which flows back through D into G. */
  private double generatorStep(INDArray z) {
    INDArray fake = generator.forward(z, Mode.TRAIN);
    INDArray logits = discriminator.forward(fake, Mode.TRAIN);
    Loss loss = config.generatorLoss().of(logits);
    requireFinite(loss.value(), "G", config.generatorLoss().toString());
    generator.backward(discriminator.backwardToInput(loss.gradient()));
    optimizerG.step(generator.parameters());
    return loss.value();
  }

  private void requireFinite(double value, String network, String loss) { loop.requireFinite(value, network, loss); }

  public History history() { return history; }

  /** Iterations completed so far. */
  public long iteration() { return loop.iteration; }

  public Sequential generator() { return generator; }

  public Sequential discriminator() { return discriminator; }

  /** The configuration in use (or the one waiting for the next iteration, if {@link #reconfigure}d). */
  public GanConfig config() {
    GanConfig pending = next;
    return pending != null ? pending : config;
  }

  /**
   * Changes k, m, the generator's loss, the update or D's cost from the next iteration on: what a
   * live control does while {@link #train} runs, from any thread. The seed stays the run's (the
   * random draws are part of its state); the optimizers, networks and history carry on.
   */
  public void reconfigure(GanConfig changed) {
    if (changed == null) throw new IllegalArgumentException("reconfigure needs a configuration, got null");
    if (changed.seed() != config.seed()) {
      throw new IllegalArgumentException("a run keeps its seed " + config.seed() + "; reconfigure got seed " + changed.seed()
          + " (use config().with...(...) to change the rest)");
    }
    next = changed;
  }

  /** Writes everything needed to resume exactly (see {@link Checkpoint}). */
  public void save(Path file) throws IOException { Checkpoint.save(this, file); }

  /** Restores a checkpoint written by {@link #save} into this trainer, built with the same networks. */
  public void restore(Path file) throws IOException { Checkpoint.restore(this, file); }
}
