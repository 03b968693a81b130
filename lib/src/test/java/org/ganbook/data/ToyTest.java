package org.ganbook.data;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ToyTest {
    static double mean(INDArray x) {
        return x.castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    static double std(INDArray x) {
        return x.castTo(DataType.DOUBLE).stdNumber().doubleValue();
    }

    @Test
    void gaussianMomentsAndDensity() {
        var g = Toy.gaussian(1.5, 0.7);
        var x = g.sample(200_000, 1);
        assertArrayEquals(new long[] {200_000, 1}, x.shape());
        // Standard errors are 0.7 / sqrt(2e5) = 0.0016 for the mean, about 0.0011 for the std.
        assertEquals(1.5, mean(x), 0.008);
        assertEquals(0.7, std(x), 0.006);
        // N(0, 1) at 0 is 1 / sqrt(2 pi); at mu + sigma the density drops by exp(-1/2).
        assertEquals(0.3989422804014327, Toy.gaussian(0, 1).density(0.0), 1e-15);
        assertEquals(g.density(1.5) * Math.exp(-0.5), g.density(2.2), 1e-14);
        var at = Nd4j.createFromArray(0.0, 1.5, 2.2);
        var d = g.density(at);
        for (int i = 0; i < 3; i++) {
            assertEquals(g.density(at.getDouble(i)), d.getDouble(i), 1e-14);
        }
    }

    @Test
    void sameSeedSameSamplesOtherSeedOtherSamples() {
        var g = Toy.gaussian(0, 1);
        assertEquals(g.sample(100, 7), g.sample(100, 7));
        assertNotEquals(g.sample(100, 7), g.sample(100, 8));
        var ring = Toy.ring();
        assertEquals(ring.sample(50, 3), ring.sample(50, 3));
        // One generator through a loop gives fresh batches that replay from the same seed.
        var r1 = Toy.random(5);
        var r2 = Toy.random(5);
        var a = Toy.paperNoise().sample(10, 4, r1);
        var b = Toy.paperNoise().sample(10, 4, r1);
        assertNotEquals(a, b);
        assertEquals(a, Toy.paperNoise().sample(10, 4, r2));
        assertEquals(b, Toy.paperNoise().sample(10, 4, r2));
    }

    @Test
    void paperNoiseHasUnitVarianceAndStaysInItsInterval() {
        var z = Toy.paperNoise().sample(20_000, 10, 11);
        assertArrayEquals(new long[] {20_000, 10}, z.shape());
        assertTrue(z.maxNumber().doubleValue() <= Math.sqrt(3));
        assertTrue(z.minNumber().doubleValue() >= -Math.sqrt(3));
        assertTrue(z.maxNumber().doubleValue() > Math.sqrt(3) - 0.01);
        assertEquals(0.0, mean(z), 0.01);
        assertEquals(1.0, std(z), 0.01);
        assertEquals(1 / (2 * Math.sqrt(3)), Toy.paperNoise().density(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Toy.uniform(1, 1));
    }

    @Test
    void ringHasEightDistinctModesOnTheUnitCircle() {
        var ring = Toy.ring();
        assertEquals(8, ring.modes());
        assertEquals(0.01, ring.sigma());
        var c = ring.centres();
        for (int i = 0; i < 8; i++) {
            assertEquals(Math.cos(Math.PI * i / 4), c.getDouble(i, 0), 1e-12);
            assertEquals(Math.sin(Math.PI * i / 4), c.getDouble(i, 1), 1e-12);
            for (int j = 0; j < i; j++) {
                // Neighbours are 2 sin(pi / 8) = 0.765 apart: no two modes coincide.
                assertTrue(c.getRow(i).distance2(c.getRow(j)) > 0.76, i + " vs " + j);
            }
        }
        ring.centres().muli(0); // the accessor hands out a copy
        assertEquals(1.0, ring.centres().getDouble(0, 0));
        assertModesAllVisitedAndSamplesNearThem(ring, 8_000);
    }

    @Test
    void gridHasTwentyFiveModes() {
        var grid = Toy.grid();
        assertEquals(25, grid.modes());
        assertEquals(0.05, grid.sigma());
        var c = grid.centres();
        assertEquals(-4.0, c.minNumber().doubleValue());
        assertEquals(4.0, c.maxNumber().doubleValue());
        assertEquals(0.0, c.sumNumber().doubleValue());
        assertModesAllVisitedAndSamplesNearThem(grid, 10_000);
    }

    /** Every sample within 5 sigma of a centre, and each mode's share near 1/K. */
    static void assertModesAllVisitedAndSamplesNearThem(GaussianMixture2D mix, int n) {
        double[][] x = mix.sample(n, 42).castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] c = mix.centres().toDoubleMatrix();
        int k = mix.modes();
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestD = Double.MAX_VALUE;
            for (int j = 0; j < k; j++) {
                double d = Math.hypot(x[i][0] - c[j][0], x[i][1] - c[j][1]);
                if (d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            assertTrue(bestD < 5 * mix.sigma(), "sample " + i + " is " + bestD + " from its nearest mode");
            counts[best]++;
        }
        double expected = (double) n / k;
        for (int j = 0; j < k; j++) {
            // Binomial sd is sqrt(n p (1-p)) < sqrt(expected); 5 sd leaves false alarms negligible.
            assertEquals(expected, counts[j], 5 * Math.sqrt(expected), "mode " + j);
        }
    }

    @Test
    void mixtureDensityAtACentreAndFarAway() {
        var ring = Toy.ring();
        var p = ring.density(Nd4j.createFromArray(new double[][] {{1, 0}, {0, 0}}));
        // At a centre the other modes contribute nothing measurable at sigma = 0.01.
        assertEquals(1 / (8 * 2 * Math.PI * 1e-4), p.getDouble(0), 1e-6);
        assertEquals(0.0, p.getDouble(1), 1e-300);
    }
}
