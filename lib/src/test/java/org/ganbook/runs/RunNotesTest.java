package org.ganbook.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunNotesTest {
  @TempDir Path dir;

  @Test void aResumedSessionSaysWhereItTookOverAndKeepsTheEarlierSessions() throws Exception {
    var first = new RunNotes(dir, List.of("# run"));
    first.update(0);
    first.update(185);
    Thread.sleep(1100); // the sessions are told apart by their start time, to the second
    var second = new RunNotes(dir, List.of("# run"));
    second.update(185);   // resumed from the checkpoint at epoch 185
    second.update(300);
    List<String> sessions = Files.readAllLines(dir.resolve("notes.md")).stream().filter(l -> l.startsWith("- started")).toList();
    assertEquals(2, sessions.size(), String.join("\n", sessions));
    assertTrue(sessions.get(0).contains("epochs 0 to 185"), sessions.get(0));
    assertTrue(sessions.get(1).contains("epochs 185 to 300"), sessions.get(1));
  }

  @Test void aHandWrittenRemarksSectionSurvivesTheNextSessionAndTheHeaderIsRewritten() throws Exception {
    var first = new RunNotes(dir, List.of("# run", "", "old description"));
    first.update(0);
    first.update(100);
    Path file = dir.resolve("notes.md");
    var edited = new ArrayList<>(Files.readAllLines(file));
    edited.addAll(edited.indexOf("## Sessions"), List.of("## Remarks", "", "trained with the old clip", ""));
    Files.write(file, edited);
    Thread.sleep(1100);
    var second = new RunNotes(dir, List.of("# run", "", "new description"));
    second.update(100);
    var lines = Files.readAllLines(file);
    assertTrue(lines.contains("new description") && !lines.contains("old description"), String.join("\n", lines));
    assertEquals(1, lines.stream().filter("trained with the old clip"::equals).count(), String.join("\n", lines));
    assertTrue(lines.indexOf("## Remarks") < lines.indexOf("## Sessions"), String.join("\n", lines));
    assertEquals(2, lines.stream().filter(l -> l.startsWith("- started")).count(), String.join("\n", lines));
  }
}
