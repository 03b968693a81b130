/**
 * Charts and pictures for the notebooks, all in one theme ({@link org.ganbook.viz.Theme}): the
 * colours of Figure 1 of Goodfellow et al. (2014) for p_data (black), p_g (green) and D (blue,
 * dashed), the paper's symbols in labels, rounded tick labels, a white frameless plot.
 *
 * <ul>
 *   <li>{@link org.ganbook.viz.LineCharts}: a training history (Tablesaw table) and curves against x.
 *   <li>{@link org.ganbook.viz.Figure1}: p_data, p_g, D and the mapping x = G(z), panels (a)-(d).
 *   <li>{@link org.ganbook.viz.ImageGrid}: digits tiled into one image; Figure 2's sample/neighbour pairs.
 *   <li>{@link org.ganbook.viz.Scatter}: 2-D samples over data and modes (mode collapse).
 *   <li>{@link org.ganbook.viz.Heatmap}: a scalar field such as D(x) over the plane, with a colour bar.
 *   <li>{@link org.ganbook.viz.VectorField}: a game's gradient field with trajectories (Dirac GAN).
 *   <li>{@link org.ganbook.viz.Charts} and {@link org.ganbook.viz.Panels}: PNG files, images, grids of images.
 * </ul>
 *
 * <p>Everything renders without a display (the Jupyter kernel and CI run headless).
 */
package org.ganbook.viz;
