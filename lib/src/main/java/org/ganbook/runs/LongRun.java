package org.ganbook.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A training run of hundreds of epochs that survives being stopped. Every {@code checkpointEvery}
 * epochs it writes a checkpoint (whole, by rename) under {@code checkpointDirectory}; every {@code
 * evaluateEvery} epochs it evaluates and appends a row to a learning curve, {@code curve.csv} in
 * {@code resultDirectory}. Started again with the same directories it resumes from the last
 * checkpoint: a killed run loses at most one checkpoint interval, and the resumed run computes what
 * the uninterrupted one would have (the trainers' checkpoints restore their random state exactly).
 *
 * <p>Evaluation epochs are checkpoint epochs, and the checkpoint is written before the evaluation,
 * so a curve row always belongs to a checkpointed state; a run killed between the two evaluates that
 * epoch when it resumes. Rows the last checkpoint has not reached (a run cannot leave any, but a
 * curve copied from elsewhere might) are dropped on resume.
 */
public final class LongRun {

  /** What the run drives: a trainer that trains, saves and restores itself. */
  public interface Trainer {
    /** Iterations completed. */
    long iteration();
    void train(int iterations);
    void save(Path file) throws IOException;
    void restore(Path file) throws IOException;
  }

  /** Evaluates the trainer after an epoch: named values, in a stable order, for the curve. */
  @FunctionalInterface
  public interface Evaluation {
    Map<String, Double> at(int epoch) throws IOException;
  }

  private final Trainer trainer;
  private final int iterationsPerEpoch;
  private final int checkpointEvery;
  private final int evaluateEvery;
  private final Path checkpoint;
  private final Path curve;
  private final Evaluation evaluation;
  private java.util.function.Consumer<String> log = System.out::println;

  public LongRun(Trainer trainer, int iterationsPerEpoch, int checkpointEvery, int evaluateEvery,
                 Path checkpointDirectory, Path resultDirectory, Evaluation evaluation) {
    if (iterationsPerEpoch < 1 || checkpointEvery < 1 || evaluateEvery < 1) {
      throw new IllegalArgumentException("iterations per epoch, checkpoint and evaluation intervals must be >= 1");
    }
    if (evaluateEvery % checkpointEvery != 0) {
      throw new IllegalArgumentException("evaluate every " + evaluateEvery + " epochs: it must be a multiple of the checkpoint interval, "
          + checkpointEvery + ", so that every curve row belongs to a checkpoint");
    }
    this.trainer = trainer;
    this.iterationsPerEpoch = iterationsPerEpoch;
    this.checkpointEvery = checkpointEvery;
    this.evaluateEvery = evaluateEvery;
    this.checkpoint = checkpointDirectory.resolve("checkpoint.zip");
    this.curve = resultDirectory.resolve("curve.csv");
    this.evaluation = evaluation;
  }

  /** Where progress lines go (standard output by default). */
  public LongRun log(java.util.function.Consumer<String> log) {
    this.log = log;
    return this;
  }

  public Path checkpoint() { return checkpoint; }
  public Path curve() { return curve; }

  /** Epochs completed by the trainer. */
  public int epoch() { return (int) (trainer.iteration() / iterationsPerEpoch); }

  /**
   * Resumes from the checkpoint if there is one, then trains until {@code epochs} epochs are done,
   * evaluating at epoch 0 (a fresh run) and every {@code evaluateEvery} epochs.
   */
  public void run(int epochs) throws IOException {
    if (Files.exists(checkpoint)) {
      trainer.restore(checkpoint);
      if (trainer.iteration() % iterationsPerEpoch != 0) {
        throw new IllegalStateException(checkpoint + " is at iteration " + trainer.iteration()
            + ", not at the end of an epoch of " + iterationsPerEpoch + ": was it written by another run?");
      }
      truncateCurveAfter(epoch());
      log.accept("resumed from " + checkpoint + " at epoch " + epoch() + " (iteration " + trainer.iteration() + ")");
    } else if (Files.exists(curve)) {
      throw new IllegalStateException(curve + " exists but " + checkpoint + " does not: a curve without its run. "
          + "Move the old results away (or restore the checkpoint) before starting again.");
    }
    // A fresh run's epoch 0, or a run killed after a checkpoint but before that epoch's evaluation.
    if (epoch() % evaluateEvery == 0 && !curveHas(epoch())) appendRow(epoch());
    while (epoch() < epochs) {
      long start = System.nanoTime();
      trainer.train(iterationsPerEpoch);
      int e = epoch();
      log.accept(String.format(Locale.ROOT, "epoch %d (iteration %d): %.1f s", e, trainer.iteration(), (System.nanoTime() - start) / 1e9));
      if (e % checkpointEvery == 0 || e == epochs) trainer.save(checkpoint);
      if (e % evaluateEvery == 0 || e == epochs) appendRow(e);
    }
  }

  private void appendRow(int epoch) throws IOException {
    long start = System.nanoTime();
    Map<String, Double> values = evaluation.at(epoch);
    var row = new LinkedHashMap<String, String>();
    row.put("epoch", Integer.toString(epoch));
    row.put("iteration", Long.toString(trainer.iteration()));
    values.forEach((k, v) -> row.put(k, String.format(Locale.ROOT, "%.6g", v)));
    List<String> lines = Files.exists(curve) ? new ArrayList<>(Files.readAllLines(curve)) : new ArrayList<>();
    String header = String.join(",", row.keySet());
    if (lines.isEmpty()) lines.add(header);
    else if (!lines.get(0).equals(header)) {
      throw new IllegalStateException(curve + " has columns " + lines.get(0) + ", this run writes " + header);
    }
    lines.add(String.join(",", row.values()));
    writeWhole(curve, lines);
    log.accept(String.format(Locale.ROOT, "evaluated epoch %d in %.1f s: %s", epoch, (System.nanoTime() - start) / 1e9, values));
  }

  private boolean curveHas(int epoch) throws IOException {
    if (!Files.exists(curve)) return false;
    return Files.readAllLines(curve).stream().skip(1).anyMatch(l -> l.startsWith(epoch + ","));
  }

  private void truncateCurveAfter(int epoch) throws IOException {
    if (!Files.exists(curve)) return;
    List<String> lines = Files.readAllLines(curve);
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (i == 0 || Integer.parseInt(lines.get(i).substring(0, lines.get(i).indexOf(','))) <= epoch) kept.add(lines.get(i));
    }
    if (kept.size() != lines.size()) writeWhole(curve, kept);
  }

  /** Writes a file to a temporary beside it and renames it: a kill never leaves half a file. */
  static void writeWhole(Path file, List<String> lines) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
