package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.BatchProgress;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar with ETA on standard error, so that standard output stays clean for results. */
final class ProgressReporter implements BatchProgress, AutoCloseable {

    private final ProgressBar bar;
    private int failed;

    ProgressReporter(String task, long total) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setUnit(" files", 1)
                .build();
    }

    @Override
    public synchronized void fileDone(Path file, boolean ok) {
        if (!ok) {
            failed++;
            bar.setExtraMessage(failed + " failed");
        }
        bar.step();
    }

    @Override
    public void close() {
        bar.close();
    }
}
