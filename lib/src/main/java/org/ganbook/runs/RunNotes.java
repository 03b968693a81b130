package org.ganbook.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * notes.md beside a run's curve: what the run is, the command that continues it, and one line per
 * session of training (when, which commit, which machine, the epochs it covered, its wall time), so
 * that a run spread over several sessions and machines says how it was made. The header is the
 * run's own description, rewritten by every session; what a person adds about the run (a
 * correction found after it trained, why it was extended) goes in a {@code ## Remarks} section, which
 * every session keeps as it is.
 */
final class RunNotes {
  private final Path file;
  private final List<String> header;
  private final String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  private final long startNanos = System.nanoTime();
  /** The commit the session's jar was built from, read when it starts: the tree may move on while it trains. */
  private final String commit = commit();
  /** The epoch of the first update: where this session took over (a resumed run restores its checkpoint first). */
  private int fromEpoch = -1;

  RunNotes(Path resultDirectory, List<String> header) {
    this.file = resultDirectory.resolve("notes.md");
    this.header = header;
  }

  /**
   * Rewrites the notes with this session's line saying it has reached {@code epoch}. Call it once
   * before training too (the run's first log line does), so that the session's first epoch is known.
   */
  void update(int epoch) {
    if (fromEpoch < 0) fromEpoch = epoch;
    try {
      List<String> remarks = new ArrayList<>();
      List<String> sessions = new ArrayList<>();
      if (Files.exists(file)) {
        String section = "";
        for (String line : Files.readAllLines(file)) {
          if (line.startsWith("## ")) section = line;
          if (section.startsWith("## Remarks")) remarks.add(line);
          else if (section.startsWith("## Sessions") && line.startsWith("- ") && !line.contains("started " + started)) sessions.add(line);
        }
      }
      while (!remarks.isEmpty() && remarks.get(remarks.size() - 1).isBlank()) remarks.remove(remarks.size() - 1);
      sessions.add(String.format(Locale.ROOT, "- started %s, commit %s, %s: epochs %d to %d, %.1f min of wall time",
          started, commit, machine(), fromEpoch, epoch, (System.nanoTime() - startNanos) / 6e10));
      List<String> lines = new ArrayList<>(header);
      if (!remarks.isEmpty()) {
        lines.add("");
        lines.addAll(remarks);
      }
      lines.add("");
      lines.add("## Sessions");
      lines.add("");
      lines.addAll(sessions);
      LongRun.writeWhole(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String commit() {
    try {
      var p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      var q = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no", "lib").redirectErrorStream(true).start();
      boolean dirty = !new String(q.getInputStream().readAllBytes()).isBlank();
      return p.waitFor() == 0 ? out + (dirty ? " (lib modified)" : "") : "unknown";
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }

  static String machine() {
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) { cpu = line.substring(line.indexOf(':') + 1).trim(); break; }
      }
    } catch (IOException ignored) {
      // not Linux: the CPU stays unknown
    }
    return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
        + ManagementFactory.getOperatingSystemMXBean().getArch() + ", GANBOOK_BLAS=" + System.getenv("GANBOOK_BLAS")
        + ", OPENBLAS_CORETYPE=" + System.getenv("OPENBLAS_CORETYPE");
  }
}
