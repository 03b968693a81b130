package org.ganbook.gan;

import java.util.List;

/**
 * The columns of the trainers' history tables, one place for their names. The names are part of
 * the book's interface: notebooks chart columns by name and the committed results' CSV files carry
 * them as headers, so a name here never changes.
 */
public enum HistoryColumn {
  /** The iteration a row belongs to, counted from 0. */
  ITERATION("iteration"),
  /** D's loss: -V(D, G) (Algorithm 1, from the last of its k steps). */
  LOSS_D("loss_D"),
  /** G's loss: its generator loss in Algorithm 1, feature matching in the semi-supervised GAN. */
  LOSS_G("loss_G"),
  /** The mean of D(x) over the real minibatch. */
  MEAN_D_X("mean_D_x"),
  /** The mean of D(G(z)) over the generated minibatch. */
  MEAN_D_G_Z("mean_D_G_z"),
  /** The norm of D's parameter gradient. */
  GRAD_NORM_D("grad_norm_D"),
  /** The norm of G's parameter gradient. */
  GRAD_NORM_G("grad_norm_G"),
  /** L_sup, the cross-entropy of D's K classes on the labelled minibatch (Salimans et al., 2016). */
  LOSS_SUP("loss_sup"),
  /** L_unsup, real against generated, with the script's factor 1/2. */
  LOSS_UNSUP("loss_unsup"),
  /** The fraction of the labelled minibatch D misclassifies. */
  TRAIN_ERROR("train_error");

  /** What {@link Algorithm1} records per iteration besides the iteration, in the table's order. */
  public static final List<HistoryColumn> ALGORITHM_1 = List.of(LOSS_D, LOSS_G, MEAN_D_X, MEAN_D_G_Z, GRAD_NORM_D, GRAD_NORM_G);

  /** What {@link SemiSupervisedGan} records per iteration besides the iteration, in the table's order. */
  public static final List<HistoryColumn> SEMI_SUPERVISED = List.of(LOSS_SUP, LOSS_UNSUP, LOSS_G, TRAIN_ERROR);

  private final String columnName;

  HistoryColumn(String columnName) { this.columnName = columnName; }

  /** The name in a history table and in a results CSV, e.g. {@code "mean_D_G_z"}. */
  public String columnName() { return columnName; }

  @Override public String toString() { return columnName; }
}
