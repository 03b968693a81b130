package org.ganbook.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.ganbook.data.MnistSplits;
import org.ganbook.gan.Algorithm1;
import org.ganbook.gan.EpochSampler;
import org.ganbook.gan.GanConfig;
import org.ganbook.gan.PaperMnist;
import org.ganbook.nn.Parameter;
import org.ganbook.nn.Sequential;

/**
 * Whether Algorithm 1 computes the same numbers in every process: the paper's MNIST networks,
 * built as chapters 02 and 06 build them, trained for N iterations (after restoring a checkpoint,
 * when one is given), then a SHA-256 of every parameter of G and D, bit for bit. Run it in two
 * processes: the same hash says that the BLAS, ND4J's ops and the library's loops gave the same
 * bits; a run resumed from a checkpoint in a new process should print the hash of the run that was
 * not interrupted. A check for a machine, not a test: whether MKL's kernels depend on where a
 * buffer falls in memory differs from CPU to CPU.
 *
 * <p>Usage: {@code ProcessReproducibility N [--restore FILE] [--save FILE]}.
 */
public final class ProcessReproducibility {
  private ProcessReproducibility() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) throw new IllegalArgumentException("usage: ProcessReproducibility N [--restore FILE] [--save FILE]");
    int iterations = Integer.parseInt(args[0]);
    Path restore = null;
    Path save = null;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--restore" -> restore = Path.of(args[++i]);
        case "--save" -> save = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: ProcessReproducibility N [--restore FILE] [--save FILE]");
      }
    }
    var train = MnistSplits.load().train().images();
    var gan = new Algorithm1(PaperMnist.generator(train, 1), PaperMnist.discriminator(2), new EpochSampler(train, 1),
        PaperMnist.noise(), PaperMnist.optimizer(), PaperMnist.optimizer(), GanConfig.paperCode(1));
    if (restore != null) {
      if (!Files.exists(restore)) throw new IllegalArgumentException("no checkpoint " + restore + " (write one with --save)");
      gan.restore(restore);
    }
    gan.train(iterations);
    if (save != null) gan.save(save);
    System.out.printf("iteration %d: parameters' SHA-256 %s, last loss_D %s%n",
        gan.iteration(), hash(gan.generator(), gan.discriminator()), gan.history().last("loss_D"));
  }

  /** SHA-256 of the parameters' float bits, in the networks' order. */
  static String hash(Sequential... networks) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    for (Sequential network : networks) {
      for (Parameter p : network.parameters()) {
        float[] v = p.value().dup('c').data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(4 * v.length);
        bytes.asFloatBuffer().put(v);
        sha.update(bytes.array());
      }
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }
}
