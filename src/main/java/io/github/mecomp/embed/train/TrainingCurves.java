package io.github.mecomp.embed.train;

import io.github.mecomp.embed.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** Loss and validation accuracy per epoch, drawn as a PNG with plain Java2D (no plotting dependency). */
public final class TrainingCurves {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 360;
    private static final int PAD = 50;

    private TrainingCurves() {
    }

    public static void write(Path png, List<EpochRecord> history) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            panel(g, 0, "training loss", history, EpochRecord::trainLoss, new Color(0x1f77b4), false);
            panel(g, WIDTH / 2, "validation triplet accuracy (%)", history,
                    r -> 100 * r.validationAccuracy(), new Color(0xd62728), true);
        } finally {
            g.dispose();
        }
        AtomicFiles.write(png, tmp -> ImageIO.write(image, "png", tmp.toFile()));
    }

    private static void panel(Graphics2D g, int x0, String title, List<EpochRecord> history,
                              ToDoubleFunction<EpochRecord> value, Color color, boolean markBest) {
        int w = WIDTH / 2 - 2 * PAD;
        int h = HEIGHT - 2 * PAD;
        int left = x0 + PAD;
        int top = PAD;
        g.setColor(Color.BLACK);
        g.drawString(title, left, top - 15);
        g.drawRect(left, top, w, h);
        if (history.isEmpty()) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (EpochRecord r : history) {
            double v = value.applyAsDouble(r);
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!Double.isFinite(min)) {
            return;
        }
        if (max - min < 1e-9) {
            max = min + 1;
        }
        double span = max - min;
        min -= 0.05 * span;
        max += 0.05 * span;
        int n = history.size();
        g.drawString(String.format(Locale.ROOT, "%.3g", max), x0 + 2, top + 10);
        g.drawString(String.format(Locale.ROOT, "%.3g", min), x0 + 2, top + h);
        g.drawString("epoch 1", left, top + h + 15);
        g.drawString("epoch " + n, left + w - 45, top + h + 15);
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int bestIndex = 0;
        int[] xs = new int[n];
        int[] ys = new int[n];
        for (int i = 0; i < n; i++) {
            double v = value.applyAsDouble(history.get(i));
            xs[i] = left + (n == 1 ? w / 2 : i * w / (n - 1));
            ys[i] = top + h - (int) Math.round((v - min) / (max - min) * h);
            if (v > value.applyAsDouble(history.get(bestIndex))) {
                bestIndex = i;
            }
        }
        g.drawPolyline(xs, ys, n);
        for (int i = 0; i < n; i++) {
            g.fillOval(xs[i] - 3, ys[i] - 3, 6, 6);
        }
        if (markBest) {
            g.setColor(Color.BLACK);
            g.drawOval(xs[bestIndex] - 6, ys[bestIndex] - 6, 12, 12);
            g.drawString(String.format(Locale.ROOT, "best %.1f (epoch %d)",
                    value.applyAsDouble(history.get(bestIndex)), bestIndex + 1), xs[bestIndex] - 40, ys[bestIndex] - 10);
        }
    }
}
