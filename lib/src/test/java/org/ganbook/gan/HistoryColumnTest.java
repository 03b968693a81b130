package org.ganbook.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The history's column names are read by notebooks and written into the committed results' CSV
 * files: they are pinned here as literals, and both trainers' tables must carry exactly them.
 */
class HistoryColumnTest {
  @Test void namesAreTheOnesNotebooksAndResultsUse() {
    assertEquals("iteration", HistoryColumn.ITERATION.columnName());
    assertEquals(List.of("loss_D", "loss_G", "mean_D_x", "mean_D_G_z", "grad_norm_D", "grad_norm_G"),
        HistoryColumn.ALGORITHM_1.stream().map(HistoryColumn::columnName).toList());
    assertEquals(List.of("loss_sup", "loss_unsup", "loss_G", "train_error"),
        HistoryColumn.SEMI_SUPERVISED.stream().map(HistoryColumn::columnName).toList());
    assertEquals("mean_D_G_z", HistoryColumn.MEAN_D_G_Z.toString(), "string concatenation gives the column's name");
    assertArrayEquals(new String[] {"loss_D", "loss_G", "mean_D_x", "mean_D_G_z", "grad_norm_D", "grad_norm_G"}, History.COLUMNS);
  }

  @Test void algorithm1sTableHasTheColumnsInOrder() {
    var h = new History();
    assertEquals(List.of("iteration", "loss_D", "loss_G", "mean_D_x", "mean_D_G_z", "grad_norm_D", "grad_norm_G"),
        h.table().columnNames());
    h.append(7, 1, 2, 3, 4, 5, 6);
    assertEquals(4, h.last(HistoryColumn.MEAN_D_G_Z));
    assertArrayEquals(new double[] {1}, h.column(HistoryColumn.LOSS_D));
    assertEquals(7, h.table().intColumn("iteration").get(0));
    var e = assertThrows(IllegalArgumentException.class, () -> h.append(8, 1, 2, 3));
    assertTrue(e.getMessage().contains("6") && e.getMessage().contains("got 3"), e.getMessage());
  }

  @Test void semiSupervisedTableHasTheColumnsInOrder() {
    var data = SemiSupervisedGanTest.blocks(40, 1);
    var gan = SemiSupervisedGanTest.trainer(SemiSupervisedConfig.gan(10, 0.9, 3), data.rows(0, 10), data);
    assertEquals(List.of("iteration", "loss_sup", "loss_unsup", "loss_G", "train_error"), gan.history().columnNames());
  }
}
