package org.ganbook.theory;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.factory.Nd4j;

/** Proposition 1 and Theorem 1 checked by quadrature against closed forms. */
class TheoryTest {
    static final Grid GRID = Grid.of(-30, 30, 6001);
    static final double LOG4 = Math.log(4);

    static double gaussianKl(double m1, double s1, double m2, double s2) {
        return Math.log(s2 / s1) + (s1 * s1 + (m1 - m2) * (m1 - m2)) / (2 * s2 * s2) - 0.5;
    }

    @Test
    void gridPointsAndQuadrature() {
        var g = Grid.of(-1, 3, 9);
        var x = g.x();
        assertEquals(0.5, g.dx());
        assertEquals(-1.0, x.getDouble(0));
        assertEquals(3.0, x.getDouble(8), 1e-15);
        Nd4j.getRandom().setSeed(5);
        double next = Nd4j.getRandom().nextDouble();
        Nd4j.getRandom().setSeed(5);
        Grid.of(0, 1, 101).x();
        assertEquals(next, Nd4j.getRandom().nextDouble(), 0, "building the points draws nothing from the generator");
        // The trapezoid rule is exact on straight lines: integral of x over [-1, 3] is 4.
        assertEquals(4.0, g.integrate(x), 1e-14);
        assertEquals(1.0, GRID.gaussian(0.3, 1.7).mass(), 1e-12);
        assertEquals(1.0, GRID.mixture(new double[] {1, 3}, new double[] {-2, 2}, new double[] {0.5, 1}).mass(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> g.integrate(Nd4j.zeros(10)));
    }

    @Test
    void optimalDiscriminatorMatchesTheFormulaAtChosenPoints() {
        var pData = GRID.gaussian(0, 1);
        var pG = GRID.gaussian(1, 2);
        var d = Theory.optimalDiscriminator(pData, pG);
        var x = GRID.x();
        for (int i : new int[] {1000, 2900, 3000, 3010, 3100, 3500}) {
            double xi = x.getDouble(i);
            double a = Math.exp(-xi * xi / 2) / Math.sqrt(2 * Math.PI);
            double b = Math.exp(-(xi - 1) * (xi - 1) / 8) / (2 * Math.sqrt(2 * Math.PI));
            assertEquals(a / (a + b), d.getDouble(i), 1e-12, "x = " + xi);
        }
        // Where p_g = p_data, D* = 1/2 (the paper's equilibrium).
        assertEquals(0.5, Theory.optimalDiscriminator(pData, pData).maxNumber().doubleValue(), 1e-15);
        assertEquals(0.5, Theory.optimalDiscriminator(pData, pData).minNumber().doubleValue(), 1e-15);
    }

    @Test
    void optimalDiscriminatorIsOneHalfWhereBothDensitiesVanish() {
        var g = Grid.of(0, 4, 5);
        var pData = g.density(Nd4j.createFromArray(0.0, 1.0, 0.0, 0.0, 2.0));
        var pG = g.density(Nd4j.createFromArray(0.0, 0.0, 3.0, 0.0, 2.0));
        assertArrayEquals(new double[] {0.5, 1.0, 0.0, 0.5, 0.5}, Theory.optimalDiscriminator(pData, pG).toDoubleVector());
    }

    @ParameterizedTest(name = "p_g = N({0}, {1}^2)")
    @CsvSource({"0, 1", "0.5, 1", "3, 1", "0, 0.4", "-1, 2.5", "8, 0.3"})
    void theorem1OnGaussians(double mu, double sigma) {
        var pData = GRID.gaussian(0, 1);
        var pG = GRID.gaussian(mu, sigma);
        double c = Theory.virtualTrainingCriterion(pData, pG);
        double jsd = Divergence.jsd(pData, pG);
        assertEquals(-LOG4 + 2 * jsd, c, 1e-6);
        assertTrue(c >= -LOG4 - 1e-12);
    }

    @Test
    void criterionIsTheValueFunctionAtOptimalDAndNoOtherDDoesBetter() {
        // A grid where D* stays inside (0, 1) in double: far in the tails D* rounds to exactly 0 or
        // 1 and V(G, D) is then rightly -Infinity, which C(G)'s own formula avoids.
        var g = Grid.of(-8, 8, 1601);
        var pData = g.gaussian(0, 1);
        var pG = g.gaussian(0.5, 1.2);
        var dStar = Theory.optimalDiscriminator(pData, pG);
        double c = Theory.virtualTrainingCriterion(pData, pG);
        assertEquals(c, Theory.valueFunction(pData, pG, dStar), 1e-9);
        for (double t : new double[] {0.5, 0.9, 0.99}) {
            var other = dStar.mul(t).addi(0.5 * (1 - t)); // pulled towards 1/2
            assertTrue(Theory.valueFunction(pData, pG, other) < c, "t = " + t);
        }
        assertEquals(-LOG4, Theory.valueFunction(pData, pData, Nd4j.valueArrayOf(1601L, 0.5)), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, Theory.valueFunction(pData, pG, Nd4j.zeros(1601)));
    }

    @Test
    void theorem1OnAMixtureAndTheMinimumAtPgEqualsPdata() {
        var pData = GRID.mixture(new double[] {0.3, 0.7}, new double[] {-2, 1.5}, new double[] {0.6, 1});
        var pG = GRID.gaussian(0, 2);
        assertEquals(-LOG4 + 2 * Divergence.jsd(pData, pG), Theory.virtualTrainingCriterion(pData, pG), 1e-6);
        assertEquals(-LOG4, Theory.virtualTrainingCriterion(pData, pData), 1e-12);
        // Disjoint supports: JSD reaches log 2 and C(G) reaches 0 (D tells them apart everywhere).
        var g = Grid.of(0, 3, 4);
        var left = g.density(Nd4j.createFromArray(1.0, 1.0, 0.0, 0.0)).normalised();
        var right = g.density(Nd4j.createFromArray(0.0, 0.0, 1.0, 1.0)).normalised();
        assertEquals(Math.log(2), Divergence.jsd(left, right), 1e-15);
        assertEquals(0.0, Theory.virtualTrainingCriterion(left, right), 1e-15);
    }

    @Test
    void klAgainstTheGaussianClosedForm() {
        double[][] cases = {{0, 1, 1, 1}, {0, 1, 0, 2}, {0, 2, 0, 1}, {1, 0.5, -1, 3}, {-2, 1.5, 0.5, 0.8}};
        for (double[] c : cases) {
            double kl = Divergence.kl(GRID.gaussian(c[0], c[1]), GRID.gaussian(c[2], c[3]));
            assertEquals(gaussianKl(c[0], c[1], c[2], c[3]), kl, 1e-6, java.util.Arrays.toString(c));
        }
    }

    @Test
    void jsdIsZeroOnItselfSymmetricAndBoundedKlIsNot() {
        var p = GRID.gaussian(0, 1);
        var q = GRID.gaussian(1, 3);
        assertEquals(0.0, Divergence.jsd(p, p), 1e-15);
        assertEquals(0.0, Divergence.kl(p, p), 1e-15);
        assertEquals(Divergence.jsd(p, q), Divergence.jsd(q, p), 1e-12);
        assertTrue(Divergence.jsd(p, q) > 0.05 && Divergence.jsd(p, q) <= Math.log(2));
        double pq = Divergence.kl(p, q);
        double qp = Divergence.kl(q, p);
        assertEquals(gaussianKl(0, 1, 1, 3), pq, 1e-6);
        assertEquals(gaussianKl(1, 3, 0, 1), qp, 1e-6);
        assertTrue(Math.abs(pq - qp) > 1, pq + " vs " + qp);
        for (double shift : new double[] {0.1, 1, 5, 20}) {
            double jsd = Divergence.jsd(GRID.gaussian(0, 1), GRID.gaussian(shift, 1));
            assertTrue(jsd <= Math.log(2) + 1e-12, "shift " + shift + ": " + jsd);
        }
        assertEquals(Math.log(2), Divergence.jsd(GRID.gaussian(-10, 1), GRID.gaussian(10, 1)), 1e-9);
    }

    @Test
    void jsdStaysFiniteWhereDensitiesAreSubnormal() {
        // On [-40, 40] N(0, 1) falls below Double.MIN_NORMAL beyond |x| = 37.6; halving it there
        // used to round the mixture to 0 and make the JSD infinite.
        var wide = Grid.of(-40, 40, 16_001);
        var p = wide.gaussian(0, 1);
        var q = wide.gaussian(3, 1);
        var narrow = Grid.of(-12, 15, 5_401);
        double expected = Divergence.jsd(narrow.gaussian(0, 1), narrow.gaussian(3, 1));
        assertEquals(expected, Divergence.jsd(p, q), 1e-9);
        assertEquals(-LOG4 + 2 * Divergence.jsd(p, q), Theory.virtualTrainingCriterion(p, q), 1e-9);
    }

    @Test
    void klIsInfiniteWhereQVanishesUnderP() {
        var g = Grid.of(0, 3, 4);
        var p = g.density(Nd4j.createFromArray(1.0, 1.0, 1.0, 0.0));
        var q = g.density(Nd4j.createFromArray(1.0, 1.0, 0.0, 1.0));
        assertEquals(Double.POSITIVE_INFINITY, Divergence.kl(p, q));
        assertTrue(Double.isFinite(Divergence.jsd(p, q)));
    }

    @Test
    void histogramDensityOfKnownSamples() {
        var g = Grid.of(0, 4, 9); // points 0, 0.5, ..., 4; two bins [0, 2) and [2, 4]
        var h = g.histogram(Nd4j.createFromArray(0.1, 0.2, 1.9, 3.0, 4.0, 9.0), 2);
        // Bin [0, 2) holds 3 of 6 samples: density 3 / (6 * 2); [2, 4] holds 2; 9.0 is outside.
        double[] expected = {0.25, 0.25, 0.25, 0.25, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0};
        assertArrayEquals(expected, h.toArray(), 1e-15);
        // A large sample's histogram approaches its density: JSD to the truth is small.
        var samples = org.ganbook.data.Toy.gaussian(0, 1).sample(100_000, 3);
        var grid = Grid.of(-6, 6, 1201);
        var hist = grid.histogram(samples, 60);
        assertEquals(1.0, hist.mass(), 0.01);
        assertTrue(Divergence.jsd(hist.normalised(), grid.gaussian(0, 1)) < 2e-3);
    }

    @Test
    void criterionGradientAgreesWithFiniteDifferences() {
        var g = Grid.of(-8, 8, 321);
        var pData = g.gaussian(0, 1);
        var pG = g.gaussian(0.7, 1.4);
        var grad = Theory.criterionGradient(pData, pG);
        double h = 1e-6;
        for (int i : new int[] {100, 150, 160, 175, 220}) {
            var plus = pG.p();
            plus.putScalar(i, plus.getDouble(i) + h);
            var minus = pG.p();
            minus.putScalar(i, minus.getDouble(i) - h);
            double dc = (Theory.virtualTrainingCriterion(pData, g.density(plus))
                    - Theory.virtualTrainingCriterion(pData, g.density(minus))) / (2 * h);
            // C is a sum over grid points with weight dx, so dC/dp_g(x_i) = dx * gradient(x_i).
            assertEquals(g.dx() * grad.getDouble(i), dc, 1e-7, "point " + i);
        }
    }

    @Test
    void gridColumnIsItsPointsAsAFloatColumn() {
        var grid = Grid.of(-1, 1, 5);
        var column = grid.column();
        assertArrayEquals(new long[] {5, 1}, column.shape());
        assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, column.dataType());
        assertArrayEquals(new float[] {-1, -0.5f, 0, 0.5f, 1}, column.toFloatVector(), 1e-7f);
    }
}
