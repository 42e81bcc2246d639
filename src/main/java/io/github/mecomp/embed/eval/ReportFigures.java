package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.io.AtomicFiles;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The report's figures, drawn with plain Java2D in the style of {@code train/TrainingCurves} (no plotting
 * dependency), each written atomically.
 */
public final class ReportFigures {

    /** Categorical colours (matplotlib's tab10), one per system or label. */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    private static final Color OTHER = new Color(0xcccccc);
    private static final int PAD = 50;

    /** One panel of a 2-D map: points with one label each ("" for none). */
    public record MapPanel(String title, double[][] xy, List<String> labels) {
    }

    /** One panel of distance histograms: anchor-positive and anchor-negative distances of one task. */
    public record DistancePanel(String title, double[] positive, double[] negative) {
    }

    private ReportFigures() {
    }

    /** Triplet accuracy per task, one bar per system, whiskers at the 95% Wilson interval. */
    public static void accuracy(Path png, List<EvalReport> reports) throws IOException {
        List<String> tasks = new ArrayList<>();
        reports.forEach(r -> r.tasks().keySet().stream().filter(t -> !tasks.contains(t)).forEach(tasks::add));
        int groupWidth = Math.max(90, 26 * reports.size() + 30);
        int width = Math.max(700, 2 * PAD + 20 + groupWidth * tasks.size());
        int height = 420 + 18 * ((reports.size() + 2) / 3);
        BufferedImage image = canvas(width, height);
        Graphics2D g = image.createGraphics();
        try {
            setUp(g);
            int left = PAD + 20;
            int top = PAD;
            int plotW = width - left - PAD;
            int plotH = 300;
            g.setColor(Color.BLACK);
            g.drawString("triplet accuracy (%) with 95% interval", left, top - 20);
            for (int pct = 0; pct <= 100; pct += 10) {
                int y = top + plotH - pct * plotH / 100;
                g.setColor(pct == 50 ? new Color(0x999999) : new Color(0xe6e6e6));
                g.drawLine(left, y, left + plotW, y);
                g.setColor(Color.BLACK);
                g.drawString(Integer.toString(pct), left - 28, y + 4);
            }
            g.drawRect(left, top, plotW, plotH);
            int barW = Math.max(8, (groupWidth - 30) / Math.max(1, reports.size()));
            for (int t = 0; t < tasks.size(); t++) {
                int gx = left + 10 + t * groupWidth;
                for (int s = 0; s < reports.size(); s++) {
                    TaskScore score = reports.get(s).tasks().get(tasks.get(t));
                    if (score == null || score.n() == 0) {
                        continue;
                    }
                    int x = gx + s * barW;
                    int y = top + plotH - (int) Math.round(score.accuracy() * plotH);
                    g.setColor(PALETTE[s % PALETTE.length]);
                    g.fillRect(x, y, barW - 2, top + plotH - y);
                    WilsonInterval ci = score.ci95();
                    int yLo = top + plotH - (int) Math.round(ci.low() * plotH);
                    int yHi = top + plotH - (int) Math.round(ci.high() * plotH);
                    int cx = x + (barW - 2) / 2;
                    g.setColor(Color.BLACK);
                    g.setStroke(new BasicStroke(1.5f));
                    g.drawLine(cx, yLo, cx, yHi);
                    g.drawLine(cx - 3, yLo, cx + 3, yLo);
                    g.drawLine(cx - 3, yHi, cx + 3, yHi);
                    g.setStroke(new BasicStroke(1f));
                }
                g.setColor(Color.BLACK);
                drawCentered(g, tasks.get(t), gx + (barW * reports.size()) / 2, top + plotH + 16);
            }
            int ly = top + plotH + 45;
            for (int s = 0; s < reports.size(); s++) {
                int lx = left + (s % 3) * (plotW / 3);
                int y = ly + (s / 3) * 18;
                g.setColor(PALETTE[s % PALETTE.length]);
                g.fillRect(lx, y - 10, 12, 12);
                g.setColor(Color.BLACK);
                g.drawString(reports.get(s).system(), lx + 18, y);
            }
        } finally {
            g.dispose();
        }
        write(png, image);
    }

    /**
     * Points of each panel coloured by label: the ten most frequent labels get a colour each (listed in the
     * legend), the rest are grey.
     */
    public static void map(Path png, String title, List<MapPanel> panels) throws IOException {
        int panelW = 460;
        int panelH = 460;
        int width = Math.max(1, panels.size()) * panelW;
        int height = panelH + 60 + 16 * PALETTE.length;
        BufferedImage image = canvas(width, height);
        Graphics2D g = image.createGraphics();
        try {
            setUp(g);
            g.setColor(Color.BLACK);
            g.drawString(title, 10, 18);
            for (int p = 0; p < panels.size(); p++) {
                drawMap(g, panels.get(p), p * panelW, 30, panelW, panelH);
            }
        } finally {
            g.dispose();
        }
        write(png, image);
    }

    private static void drawMap(Graphics2D g, MapPanel panel, int x0, int y0, int w, int h) {
        int left = x0 + 20;
        int top = y0 + 20;
        int size = Math.min(w, h) - 40;
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), left, top - 5);
        g.drawRect(left, top, size, size);
        Map<String, Integer> counts = new LinkedHashMap<>();
        panel.labels().forEach(l -> counts.merge(l, 1, Integer::sum));
        List<String> top10 = counts.entrySet().stream()
                .filter(e -> !e.getKey().isEmpty())
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(PALETTE.length).map(Map.Entry::getKey).toList();
        double[][] xy = panel.xy();
        if (xy.length == 0) {
            return;
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] q : xy) {
            minX = Math.min(minX, q[0]);
            maxX = Math.max(maxX, q[0]);
            minY = Math.min(minY, q[1]);
            maxY = Math.max(maxY, q[1]);
        }
        double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-12);
        int inner = size - 20;
        // grey first so that coloured points are drawn over them
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < xy.length; i++) {
                int colour = top10.indexOf(panel.labels().get(i));
                if ((colour < 0) != (pass == 0)) {
                    continue;
                }
                int px = left + 10 + (int) Math.round((xy[i][0] - minX) / span * inner);
                int py = top + 10 + inner - (int) Math.round((xy[i][1] - minY) / span * inner);
                g.setColor(colour < 0 ? OTHER : PALETTE[colour]);
                g.fillOval(px - 4, py - 4, 8, 8);
            }
        }
        int ly = top + size + 20;
        for (int c = 0; c < top10.size(); c++) {
            g.setColor(PALETTE[c]);
            g.fillOval(left, ly + 16 * c - 9, 9, 9);
            g.setColor(Color.BLACK);
            g.drawString(shorten(top10.get(c), 50) + " (" + counts.get(top10.get(c)) + ")", left + 15, ly + 16 * c);
        }
        if (counts.size() > top10.size()) {
            g.setColor(OTHER);
            g.fillOval(left + 230, ly - 9, 9, 9);
            g.setColor(Color.BLACK);
            g.drawString("other, several or no label", left + 245, ly);
        }
    }

    /** Overlaid histograms of anchor-positive and anchor-negative distances, one panel per task. */
    public static void distances(Path png, String title, List<DistancePanel> panels) throws IOException {
        int panelW = 380;
        int panelH = 280;
        int cols = Math.min(3, Math.max(1, panels.size()));
        int rows = (panels.size() + cols - 1) / cols;
        BufferedImage image = canvas(cols * panelW, Math.max(1, rows) * panelH + 60);
        Graphics2D g = image.createGraphics();
        try {
            setUp(g);
            g.setColor(Color.BLACK);
            g.drawString(title, 10, 18);
            g.setColor(PALETTE[0]);
            g.fillRect(10, 28, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString("anchor-positive", 28, 39);
            g.setColor(PALETTE[3]);
            g.fillRect(160, 28, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString("anchor-negative", 178, 39);
            for (int i = 0; i < panels.size(); i++) {
                drawHistograms(g, panels.get(i), (i % cols) * panelW, 50 + (i / cols) * panelH, panelW, panelH);
            }
        } finally {
            g.dispose();
        }
        write(png, image);
    }

    private static void drawHistograms(Graphics2D g, DistancePanel panel, int x0, int y0, int w, int h) {
        int left = x0 + 40;
        int top = y0 + 25;
        int plotW = w - 60;
        int plotH = h - 70;
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), left, top - 8);
        g.drawRect(left, top, plotW, plotH);
        double max = 0;
        for (double[] values : List.of(panel.positive(), panel.negative())) {
            for (double v : values) {
                max = Math.max(max, v);
            }
        }
        if (max <= 0) {
            return;
        }
        int bins = 30;
        int[] pos = histogram(panel.positive(), max, bins);
        int[] neg = histogram(panel.negative(), max, bins);
        int peak = 1;
        for (int b = 0; b < bins; b++) {
            peak = Math.max(peak, Math.max(pos[b], neg[b]));
        }
        Composite opaque = g.getComposite();
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.55f));
        for (int[] counts : List.of(pos, neg)) {
            g.setColor(counts == pos ? PALETTE[0] : PALETTE[3]);
            for (int b = 0; b < bins; b++) {
                int x = left + b * plotW / bins;
                int bw = (b + 1) * plotW / bins - b * plotW / bins;
                int bh = counts[b] * plotH / peak;
                g.fillRect(x, top + plotH - bh, Math.max(1, bw - 1), bh);
            }
        }
        g.setComposite(opaque);
        g.setColor(Color.BLACK);
        g.drawString("0", left, top + plotH + 14);
        String right = String.format(Locale.ROOT, "%.3g", max);
        g.drawString(right, left + plotW - g.getFontMetrics().stringWidth(right), top + plotH + 14);
        drawCentered(g, "distance", left + plotW / 2, top + plotH + 14);
        g.drawString(Integer.toString(peak), x0 + 4, top + 10);
        g.drawString(String.format(Locale.ROOT, "median %.3g vs %.3g", median(panel.positive()),
                median(panel.negative())), left, top + plotH + 30);
    }

    static int[] histogram(double[] values, double max, int bins) {
        int[] counts = new int[bins];
        for (double v : values) {
            counts[Math.min(bins - 1, Math.max(0, (int) (v / max * bins)))]++;
        }
        return counts;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /**
     * One configuration of a sweep on the Pareto plot: mean milliseconds ({@code x}) and accuracy ({@code y}, 0..1)
     * with their standard deviations over seeds (NaN for none), and the model's bytes (the marker's area).
     */
    public record ParetoPoint(String label, double x, double xSd, double y, double ySd, long bytes) {
    }

    /**
     * Accuracy against time, one marker per configuration, its area proportional to the model's bytes, whiskers
     * at ± one standard deviation; the Pareto front (no other point both faster and more accurate) is joined by a
     * dashed line and its labels are bold.
     */
    public static void pareto(Path png, String title, String xLabel, String yLabel, List<ParetoPoint> points)
            throws IOException {
        int width = 860;
        int height = 600;
        BufferedImage image = canvas(width, height);
        Graphics2D g = image.createGraphics();
        try {
            setUp(g);
            int left = PAD + 30;
            int top = PAD + 30;
            int plotW = width - left - PAD - 120;
            int plotH = height - top - PAD - 50;
            double xLo = Double.POSITIVE_INFINITY;
            double xHi = 0;
            double yMin = 1;
            double yMax = 0;
            long bytesMax = 1;
            for (ParetoPoint p : points) {
                xLo = Math.min(xLo, p.x());
                xHi = Math.max(xHi, p.x() + (Double.isNaN(p.xSd()) ? 0 : p.xSd()));
                yMin = Math.min(yMin, p.y() - (Double.isNaN(p.ySd()) ? 0 : p.ySd()));
                yMax = Math.max(yMax, p.y() + (Double.isNaN(p.ySd()) ? 0 : p.ySd()));
                bytesMax = Math.max(bytesMax, p.bytes());
            }
            // a slow reference (MECOMP's model takes ~50x the time of ours) would crush the rest on a linear axis
            TimeAxis axis = TimeAxis.of(xLo, xHi);
            double yLo = Math.max(0, Math.floor(yMin * 100 / 5) * 5 - 5) / 100;
            double yHi = Math.min(100, Math.ceil(yMax * 100 / 5) * 5 + 5) / 100;
            g.setColor(Color.BLACK);
            g.drawString(title, left, top - 45);
            for (double xv : axis.ticks()) {
                int x = left + (int) Math.round(axis.position(xv) * plotW);
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(x, top, x, top + plotH);
                g.setColor(Color.BLACK);
                drawCentered(g, axis.label(xv), x, top + plotH + 16);
            }
            for (double pct = yLo * 100; pct <= yHi * 100 + 1e-9; pct += 5) {
                int y = top + plotH - (int) Math.round((pct / 100 - yLo) / (yHi - yLo) * plotH);
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(left, y, left + plotW, y);
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "%.0f", pct), left - 28, y + 4);
            }
            g.drawRect(left, top, plotW, plotH);
            drawCentered(g, xLabel + (axis.log() ? " (log scale)" : ""), left + plotW / 2, top + plotH + 36);
            g.drawString(yLabel, left, top - 25);

            double[] xs = points.stream().mapToDouble(ParetoPoint::x).toArray();
            double[] ys = points.stream().mapToDouble(ParetoPoint::y).toArray();
            boolean[] front = paretoFront(xs, ys);
            int[][] at = new int[points.size()][];
            for (int i = 0; i < points.size(); i++) {
                ParetoPoint p = points.get(i);
                at[i] = new int[] {left + (int) Math.round(axis.position(p.x()) * plotW),
                    top + plotH - (int) Math.round((p.y() - yLo) / (yHi - yLo) * plotH)};
            }
            List<Integer> frontOrder = new ArrayList<>();
            for (int i = 0; i < front.length; i++) {
                if (front[i]) {
                    frontOrder.add(i);
                }
            }
            frontOrder.sort((a, b) -> Double.compare(xs[a], xs[b]));
            g.setColor(new Color(0x555555));
            g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            for (int i = 1; i < frontOrder.size(); i++) {
                int[] a = at[frontOrder.get(i - 1)];
                int[] b = at[frontOrder.get(i)];
                g.drawLine(a[0], a[1], b[0], b[1]);
            }
            g.setStroke(new BasicStroke(1f));
            Composite opaque = g.getComposite();
            for (int i = 0; i < points.size(); i++) {
                ParetoPoint p = points.get(i);
                Color c = PALETTE[i % PALETTE.length];
                int x = at[i][0];
                int y = at[i][1];
                g.setColor(c);
                if (!Double.isNaN(p.xSd())) {
                    int x0 = left + (int) Math.round(axis.position(Math.max(axis.min(), p.x() - p.xSd())) * plotW);
                    int x1 = left + (int) Math.round(axis.position(p.x() + p.xSd()) * plotW);
                    g.drawLine(x0, y, x1, y);
                }
                if (!Double.isNaN(p.ySd())) {
                    int dy = (int) Math.round(p.ySd() / (yHi - yLo) * plotH);
                    g.drawLine(x, y - dy, x, y + dy);
                }
                int r = (int) Math.round(4 + 16 * Math.sqrt(p.bytes() / (double) bytesMax));
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.55f));
                g.fillOval(x - r, y - r, 2 * r, 2 * r);
                g.setComposite(opaque);
                g.drawOval(x - r, y - r, 2 * r, 2 * r);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, front[i] ? Font.BOLD : Font.PLAIN, 12));
                String label = shorten(p.label(), 44);
                int textW = g.getFontMetrics().stringWidth(label);
                g.drawString(label, x + r + 3 + textW > width - 5 ? x - r - 3 - textW : x + r + 3, y + 4);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "marker size grows with model bytes (largest %.0f kB); dashed:"
                    + " Pareto front; whiskers: ±1 sd over seeds", bytesMax / 1e3), left, height - 14);
        } finally {
            g.dispose();
        }
        write(png, image);
    }

    /** True for each point that no other point beats on both axes (lower x and higher y, one strictly). */
    public static boolean[] paretoFront(double[] x, double[] y) {
        boolean[] front = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            front[i] = true;
            for (int j = 0; j < x.length && front[i]; j++) {
                if (j != i && x[j] <= x[i] && y[j] >= y[i] && (x[j] < x[i] || y[j] > y[i])) {
                    front[i] = false;
                }
            }
        }
        return front;
    }

    /** The time axis: linear from 0, or logarithmic over whole decades when the times span more than 20x. */
    record TimeAxis(boolean log, double min, double max) {

        static TimeAxis of(double lo, double hi) {
            if (lo > 0 && hi / lo > 20) {
                return new TimeAxis(true, Math.pow(10, Math.floor(Math.log10(lo))),
                        Math.pow(10, Math.ceil(Math.log10(hi * 1.05))));
            }
            return new TimeAxis(false, 0, niceCeiling(hi * 1.08));
        }

        /** 0 at the left edge, 1 at the right. */
        double position(double v) {
            return log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : v / max;
        }

        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            if (log) {
                for (double decade = min; decade < max * 1.0001; decade *= 10) {
                    for (double m : new double[] {1, 2, 5}) {
                        if (m * decade <= max * 1.0001) {
                            t.add(m * decade);
                        }
                    }
                }
            } else {
                for (int i = 0; i <= 5; i++) {
                    t.add(max * i / 5);
                }
            }
            return t;
        }

        String label(double v) {
            return v >= 10 || v == 0 ? String.format(Locale.ROOT, "%.0f", v)
                    : String.format(Locale.ROOT, v >= 1 ? "%.1f" : "%.2g", v);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static BufferedImage canvas(int width, int height) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static void setUp(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    private static void drawCentered(Graphics2D g, String text, int cx, int y) {
        g.drawString(text, cx - g.getFontMetrics().stringWidth(text) / 2, y);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static void write(Path png, BufferedImage image) throws IOException {
        AtomicFiles.write(png, tmp -> {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
