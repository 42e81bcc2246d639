package io.github.mecomp.embed.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParetoPlotTest {

    @TempDir
    Path dir;

    @Test
    void timesWithinTwentyFoldStayOnALinearAxisFromZero() {
        ReportFigures.TimeAxis axis = ReportFigures.TimeAxis.of(2, 30);
        assertFalse(axis.log());
        assertEquals(0, axis.position(0), 1e-12);
        assertEquals(50, axis.max(), 1e-12);
        assertEquals(List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0), axis.ticks());
    }

    @Test
    void aSlowReferenceTurnsTheAxisLogarithmicOverWholeDecades() {
        ReportFigures.TimeAxis axis = ReportFigures.TimeAxis.of(1.2, 1600);
        assertTrue(axis.log());
        assertEquals(1, axis.min(), 1e-12);
        assertEquals(10_000, axis.max(), 1e-9);
        assertEquals(0.25, axis.position(10), 1e-12);
        assertEquals(13, axis.ticks().size(), axis.ticks().toString()); // 1, 2, 5 per decade and 10,000
    }

    @Test
    void drawsOnePictureForPointsWithAndWithoutSpread() throws Exception {
        Path png = dir.resolve("pareto.png");
        ReportFigures.pareto(png, "title", "ms", "accuracy (%)", List.of(
                new ReportFigures.ParetoPoint("a", 5, 1, 0.7, 0.02, 100_000),
                new ReportFigures.ParetoPoint("b (reference)", 400, Double.NaN, 0.75, Double.NaN, 900_000)));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(860, image.getWidth());
    }
}
