//! A MECOMP-style library scan, timed: symphonia decode, mono, rubato to 22,050 Hz, the exported model,
//! one song per thread; then bliss-audio's analysis of the same files in the same run, and the ratio.
//!
//! Usage: see USAGE below. Figures go to stdout, with one `RESULT ...` line per phase for scripts.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use mecomp_embed_bench::dataset::{cycle_to, list_audio, write_atomically};
use mecomp_embed_bench::decode::{decode_whole, decode_windows, Margin, Reach};
use mecomp_embed_bench::embed::{model_input, Embedder};
use mecomp_embed_bench::stats::{cosine, cpu_seconds, max_abs_diff, median, peak_rss_mib, reset_peak_rss};
use mecomp_embed_bench::windows::WindowRule;
use mecomp_embed_bench::SAMPLE_RATE;
use rayon::prelude::*;

const USAGE: &str = "\
usage: scan-bench <folder of songs> [options]
  --count N        songs to scan, cycling through the folder's files (default: each file once)
  --threads N      worker threads, one song each (default: all cores)
  --modes LIST     comma-separated decode modes, each timed as its own phase (default: whole)
                     whole  decode the whole song (MECOMP's decoder, via bliss-audio)
                     seek   decode only the K windows the model uses, seeking to each
                     skip   the same windows, reading but not decoding the packets between them
  --margin S       seconds decoded before each window in seek/skip modes (default 0.1)
  --margin-after S seconds decoded after each window in seek/skip modes (default 0.05)
  --repeat R       run each phase R times and print the median (default 1)
  --out FILE       embeddings of the first mode, one row per file (clip_id = path in the folder)
  --compare        compare each later mode's embeddings (or samples, without the model) with the first's
  --bliss N        also run bliss-audio's analysis on the first N songs of the scan (default 0)
  --tract FILE     run the model FILE (ONNX) with tract instead of the burn model compiled in
                   (needs the `tract` feature)";

struct Args {
    folder: PathBuf,
    count: Option<usize>,
    threads: usize,
    modes: Vec<Mode>,
    margin: Margin,
    repeat: usize,
    out: Option<PathBuf>,
    compare: bool,
    bliss: usize,
    tract: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Mode {
    Whole,
    Windows(Reach),
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Whole => "whole",
            Mode::Windows(Reach::Seek) => "seek",
            Mode::Windows(Reach::Skip) => "skip",
        }
    }
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        folder: PathBuf::new(),
        count: None,
        threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
        modes: vec![Mode::Whole],
        margin: Margin::default(),
        repeat: 1,
        out: None,
        compare: false,
        bliss: 0,
        tract: None,
    };
    let mut folder = None;
    let mut it = std::env::args().skip(1);
    let number = |name: &str, v: Option<String>| -> Result<usize, String> {
        let v = v.ok_or(format!("{name} needs a number"))?;
        v.parse().map_err(|_| format!("{name}: not a whole number: '{v}'"))
    };
    let seconds = |name: &str, v: Option<String>| -> Result<f64, String> {
        let v = v.ok_or(format!("{name} needs seconds"))?;
        v.parse().ok().filter(|m: &f64| (0.0..=5.0).contains(m))
            .ok_or(format!("{name}: not a number of seconds in 0..5: '{v}'"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--count" => a.count = Some(number("--count", it.next())?).filter(|&n| n > 0),
            "--threads" => a.threads = number("--threads", it.next())?.max(1),
            "--repeat" => a.repeat = number("--repeat", it.next())?.max(1),
            "--bliss" => a.bliss = number("--bliss", it.next())?,
            "--margin" => a.margin.before = seconds("--margin", it.next())?,
            "--margin-after" => a.margin.after = seconds("--margin-after", it.next())?,
            "--modes" => {
                let v = it.next().ok_or("--modes needs a list")?;
                a.modes = v
                    .split(',')
                    .map(|m| match m.trim() {
                        "whole" => Ok(Mode::Whole),
                        "seek" => Ok(Mode::Windows(Reach::Seek)),
                        "skip" => Ok(Mode::Windows(Reach::Skip)),
                        other => Err(format!("--modes: unknown mode '{other}' (whole, seek, skip)")),
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--out" => a.out = Some(PathBuf::from(it.next().ok_or("--out needs a file")?)),
            "--compare" => a.compare = true,
            "--tract" => a.tract = Some(PathBuf::from(it.next().ok_or("--tract needs an ONNX file")?)),
            "-h" | "--help" => return Err(USAGE.to_string()),
            s if s.starts_with('-') => return Err(format!("unknown option '{s}'\n{USAGE}")),
            s => folder = Some(PathBuf::from(s)),
        }
    }
    a.folder = folder.ok_or(format!("no folder given\n{USAGE}"))?;
    Ok(a)
}

/// One song of one phase.
struct SongResult {
    file: usize,
    decode_s: f64,
    embed_s: f64,
    audio_s: f64,
    decoded_share: f64,
    window_count: usize,
    /// The model input (kept only when comparing without a model).
    input: Option<Vec<f32>>,
    embedding: Option<Vec<f32>>,
    error: Option<String>,
}

struct Phase {
    wall_s: f64,
    cpu_s: f64,
    peak_mib: f64,
    songs: Vec<SongResult>,
}

/// The model: tract with `--tract FILE`, else the burn model compiled in (`model` feature), else none.
#[allow(unused_variables)]
fn embedder(pool: &rayon::ThreadPool, args: &Args) -> Result<Option<Box<dyn Embedder>>, String> {
    if let Some(path) = &args.tract {
        #[cfg(feature = "tract")]
        {
            return Ok(Some(Box::new(mecomp_embed_bench::embed::TractModel::load(path)?)));
        }
        #[cfg(not(feature = "tract"))]
        {
            return Err(format!(
                "--tract {}: built without the `tract` feature (cargo build --release --features tract)",
                path.display()
            ));
        }
    }
    #[cfg(feature = "model")]
    {
        Ok(Some(Box::new(mecomp_embed_bench::embed::RustCheckModel::load(pool)?)))
    }
    #[cfg(not(feature = "model"))]
    {
        Ok(None)
    }
}

/// What one phase runs: the decode mode, and the window rule and model it feeds.
#[derive(Clone, Copy)]
struct Step<'a> {
    mode: Mode,
    margin: Margin,
    rule: WindowRule,
    model: Option<&'a dyn Embedder>,
    keep_input: bool,
}

fn scan_one(file: usize, path: &Path, step: Step) -> SongResult {
    let Step { mode, margin, rule, model, keep_input } = step;
    let t0 = Instant::now();
    let decoded = match mode {
        Mode::Whole => decode_whole(path).map(|s| {
            let audio_s = s.len() as f64 / SAMPLE_RATE as f64;
            (s, audio_s, 1.0, 0)
        }),
        Mode::Windows(reach) => decode_windows(path, rule, margin, reach).map(|w| {
            let audio_s = w.total_frames as f64 / w.rate as f64;
            let share = if w.total_frames > 0 { w.decoded_frames as f64 / w.total_frames as f64 } else { 1.0 };
            (w.samples, audio_s, share, w.window_count)
        }),
    };
    let decode_s = t0.elapsed().as_secs_f64();
    let mut r = SongResult {
        file,
        decode_s,
        embed_s: 0.0,
        audio_s: 0.0,
        decoded_share: 0.0,
        window_count: 0,
        input: None,
        embedding: None,
        error: None,
    };
    let (samples, audio_s, share, w) = match decoded {
        Ok(d) => d,
        Err(e) => {
            r.error = Some(e);
            return r;
        }
    };
    r.audio_s = audio_s;
    r.decoded_share = share;
    r.window_count = if mode == Mode::Whole { samples.len() / rule.samples } else { w };
    if samples.len() < rule.samples {
        r.error = Some(format!("shorter than one window ({} samples at 22,050 Hz, {} s)", samples.len(), rule.seconds()));
        return r;
    }
    if let Some(model) = model {
        let t1 = Instant::now();
        match model.embed(&samples) {
            Ok(v) => r.embedding = Some(v),
            Err(e) => r.error = Some(format!("model: {e}")),
        }
        r.embed_s = t1.elapsed().as_secs_f64();
    }
    if keep_input {
        r.input = Some(model_input(&samples, rule));
    }
    r
}

fn run_phase(
    pool: &rayon::ThreadPool,
    songs: &[usize],
    files: &[PathBuf],
    step: Step,
) -> Phase {
    reset_peak_rss();
    let cpu0 = cpu_seconds().unwrap_or(f64::NAN);
    let t0 = Instant::now();
    let results: Vec<SongResult> = pool.install(|| {
        songs
            .par_iter()
            .with_max_len(1)
            .map(|&f| scan_one(f, &files[f], step))
            .collect()
    });
    Phase {
        wall_s: t0.elapsed().as_secs_f64(),
        cpu_s: cpu_seconds().unwrap_or(f64::NAN) - cpu0,
        peak_mib: peak_rss_mib().unwrap_or(f64::NAN),
        songs: results,
    }
}

fn report_phase(label: &str, p: &Phase, threads: usize, distinct: usize, with_model: bool) {
    let n = p.songs.len();
    let ok: Vec<&SongResult> = p.songs.iter().filter(|s| s.error.is_none()).collect();
    let audio_s: f64 = ok.iter().map(|s| s.audio_s).sum();
    let decode_ms: Vec<f64> = ok.iter().map(|s| s.decode_s * 1000.0).collect();
    let embed_ms: Vec<f64> = ok.iter().map(|s| s.embed_s * 1000.0).collect();
    let share: Vec<f64> = ok.iter().map(|s| s.decoded_share).collect();
    println!(
        "{label}: {n} songs ({distinct} files), {threads} threads: {:.2} s wall, {:.1} songs/s, {:.1} ms/song; \
         CPU {:.1} s ({:.1} ms/song); audio {:.2} h, scan = {:.4}% of audio duration; \
         per song (thread time) decode median {:.1} ms{}; decoded {:.0}% of the source frames (median); \
         peak RSS {:.0} MiB; {} failed",
        p.wall_s,
        n as f64 / p.wall_s,
        p.wall_s * 1000.0 / n as f64,
        p.cpu_s,
        p.cpu_s * 1000.0 / n as f64,
        audio_s / 3600.0,
        100.0 * p.wall_s / audio_s,
        median(&decode_ms),
        if with_model { format!(", embed median {:.1} ms", median(&embed_ms)) } else { ", no model".to_string() },
        100.0 * median(&share),
        p.peak_mib,
        n - ok.len(),
    );
    println!(
        "RESULT phase={label} songs={n} threads={threads} wall_s={:.3} songs_per_s={:.2} ms_per_song={:.2} \
         cpu_s={:.2} audio_s={:.0} share_of_audio={:.6} decode_ms_median={:.2} embed_ms_median={:.2} peak_mib={:.0} failed={}",
        p.wall_s,
        n as f64 / p.wall_s,
        p.wall_s * 1000.0 / n as f64,
        p.cpu_s,
        audio_s,
        p.wall_s / audio_s,
        median(&decode_ms),
        median(&embed_ms),
        p.peak_mib,
        n - ok.len()
    );
}

fn report_failures(p: &Phase, files: &[PathBuf]) {
    let mut seen = HashMap::new();
    for s in &p.songs {
        if let Some(e) = &s.error {
            seen.entry(s.file).or_insert_with(|| e.clone());
        }
    }
    if !seen.is_empty() {
        let mut list: Vec<_> = seen.into_iter().collect();
        list.sort();
        println!("  {} file(s) failed:", list.len());
        for (f, e) in list {
            println!("    {}: {e}", files[f].display());
        }
    }
}

/// The first result of each distinct file.
fn per_file(p: &Phase) -> HashMap<usize, &SongResult> {
    let mut m = HashMap::new();
    for s in &p.songs {
        m.entry(s.file).or_insert(s);
    }
    m
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("?").to_ascii_lowercase()
}

/// How far `other`'s embeddings (or model inputs) move from `base`'s, per file format.
fn compare(base_name: &str, base: &Phase, name: &str, other: &Phase, files: &[PathBuf], k: usize) {
    let (b, o) = (per_file(base), per_file(other));
    // per format: (files, windowed files, W mismatches, max abs, min cosine, cosines)
    let mut by_format: HashMap<String, (usize, usize, usize, f32, f64, Vec<f64>)> = HashMap::new();
    for (f, rb) in &b {
        let Some(ro) = o.get(f) else { continue };
        if rb.error.is_some() || ro.error.is_some() {
            continue;
        }
        let e = by_format.entry(extension(&files[*f])).or_insert((0, 0, 0, 0.0, 1.0, Vec::new()));
        e.0 += 1;
        if rb.window_count > k {
            e.1 += 1;
        }
        if rb.window_count != ro.window_count {
            e.2 += 1;
            println!(
                "  {}: W = {} ({base_name}) vs {} ({name}): the frame count in the container differs from the decoded length",
                files[*f].display(),
                rb.window_count,
                ro.window_count
            );
            continue;
        }
        let (x, y) = match (&rb.embedding, &ro.embedding, &rb.input, &ro.input) {
            (Some(x), Some(y), _, _) => (x, y),
            (_, _, Some(x), Some(y)) if x.len() == y.len() => (x, y),
            _ => continue,
        };
        e.3 = e.3.max(max_abs_diff(x, y));
        let c = cosine(x, y);
        e.4 = e.4.min(c);
        e.5.push(c);
    }
    let what = if b.values().any(|r| r.embedding.is_some()) { "embeddings" } else { "model input samples" };
    println!("{name} vs {base_name}, {what} of the same files:");
    let mut formats: Vec<_> = by_format.into_iter().collect();
    formats.sort_by(|a, b| a.0.cmp(&b.0));
    for (fmt, (n, windowed, mismatched, max_abs, min_cos, cos)) in formats {
        println!(
            "  {fmt:>4}: {n} files ({windowed} longer than {k} windows), W differs for {mismatched}; \
             max abs diff {max_abs:.3e}, cosine min {min_cos:.7} median {:.7}",
            median(&cos)
        );
        println!(
            "RESULT compare={name}_vs_{base_name} format={fmt} files={n} windowed={windowed} w_mismatch={mismatched} \
             max_abs={max_abs:.3e} cos_min={min_cos:.8} cos_median={:.8}",
            median(&cos)
        );
    }
}

fn write_embeddings(out: &Path, p: &Phase, files: &[PathBuf], folder: &Path) -> std::io::Result<usize> {
    let rows = per_file(p);
    let mut ids: Vec<(&usize, &&SongResult)> = rows.iter().filter(|(_, r)| r.embedding.is_some()).collect();
    ids.sort_by_key(|(f, _)| **f);
    let dims = ids.first().and_then(|(_, r)| r.embedding.as_ref()).map_or(0, |e| e.len());
    let mut text = String::from("clip_id");
    for d in 0..dims {
        text.push_str(&format!(",e{d}"));
    }
    text.push('\n');
    let mut written = 0;
    for (f, r) in ids {
        let id = files[*f].strip_prefix(folder).unwrap_or(&files[*f]).to_string_lossy().to_string();
        if id.contains([',', '"', '\n', '\r']) {
            eprintln!("scan-bench: {id}: a comma or quote in the path, left out of {}", out.display());
            continue;
        }
        text.push_str(&id);
        for x in r.embedding.as_ref().unwrap() {
            text.push_str(&format!(",{x}"));
        }
        text.push('\n');
        written += 1;
    }
    write_atomically(out, &text)?;
    Ok(written)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let files = match list_audio(&args.folder) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("scan-bench: {e}");
            std::process::exit(2);
        }
    };
    let count = args.count.unwrap_or(files.len());
    let songs = cycle_to(&(0..files.len()).collect::<Vec<_>>(), count);
    let distinct = files.len().min(count);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads).build().expect("thread pool");
    let t_load = Instant::now();
    let model = match embedder(&pool, &args) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("scan-bench: {e}");
            std::process::exit(2);
        }
    };
    let rule = model.as_ref().map_or(WindowRule::default(), |m| m.window_rule());
    if let Some(m) = &model {
        println!("model: {} (loaded in {:.2} s), {rule} (its metadata)", m.describe(), t_load.elapsed().as_secs_f64());
    } else {
        println!("model: none (built without the `model` feature): decoding is timed alone, for v1's {rule}");
    }
    println!(
        "scanning {} songs from {} ({} files), {} threads, modes {:?}, margin {} s before, {} s after, {rule}",
        count,
        args.folder.display(),
        files.len(),
        args.threads,
        args.modes.iter().map(|m| m.name()).collect::<Vec<_>>(),
        args.margin.before,
        args.margin.after
    );

    let mut kept: Vec<(Mode, Phase)> = Vec::new();
    // per mode: (name, median wall ms per song, median CPU ms per song)
    let mut ours: Vec<(&str, f64, f64)> = Vec::new();
    for (mi, &mode) in args.modes.iter().enumerate() {
        let mut walls = Vec::new();
        let mut cpus = Vec::new();
        let mut last = None;
        for run in 0..args.repeat {
            let keep_input = args.compare && model.is_none() && run + 1 == args.repeat;
            let step = Step { mode, margin: args.margin, rule, model: model.as_deref(), keep_input };
            let p = run_phase(&pool, &songs, &files, step);
            let label = if args.repeat > 1 { format!("{}#{}", mode.name(), run + 1) } else { mode.name().to_string() };
            report_phase(&label, &p, args.threads, distinct, model.is_some());
            walls.push(p.wall_s);
            cpus.push(p.cpu_s);
            last = Some(p);
        }
        let p = last.unwrap();
        if args.repeat > 1 {
            println!(
                "RESULT phase={}_median runs={} wall_s_median={:.3} songs_per_s_median={:.2} ms_per_song_median={:.2}",
                mode.name(),
                args.repeat,
                median(&walls),
                count as f64 / median(&walls),
                median(&walls) * 1000.0 / count as f64
            );
        }
        report_failures(&p, &files);
        ours.push((mode.name(), median(&walls) * 1000.0 / count as f64, median(&cpus) * 1000.0 / count as f64));
        if mi == 0 {
            if let Some(out) = &args.out {
                match write_embeddings(out, &p, &files, &args.folder) {
                    Ok(n) => println!("wrote {} ({n} files)", out.display()),
                    Err(e) => eprintln!("scan-bench: {}: cannot write: {e}", out.display()),
                }
            }
        }
        if args.compare {
            if let Some((m0, p0)) = kept.first() {
                compare(m0.name(), p0, mode.name(), &p, &files, rule.k);
            }
            kept.push((mode, p));
        }
    }

    if args.bliss > 0 {
        let subset = &songs[..args.bliss.min(songs.len())];
        reset_peak_rss();
        let cpu0 = cpu_seconds().unwrap_or(f64::NAN);
        let t0 = Instant::now();
        let results: Vec<(f64, Result<(), String>)> = pool.install(|| {
            subset
                .par_iter()
                .with_max_len(1)
                .map(|&f| {
                    let samples = match decode_whole(&files[f]) {
                        Ok(s) => s,
                        Err(e) => return (0.0, Err(e)),
                    };
                    let audio = samples.len() as f64 / SAMPLE_RATE as f64;
                    (audio, bliss_audio::Song::analyze(&samples).map(|_| ()).map_err(|e| e.to_string()))
                })
                .collect()
        });
        let wall = t0.elapsed().as_secs_f64();
        let cpu = cpu_seconds().unwrap_or(f64::NAN) - cpu0;
        let n = subset.len();
        let failed = results.iter().filter(|r| r.1.is_err()).count();
        let audio: f64 = results.iter().map(|r| r.0).sum();
        let ms = wall * 1000.0 / n as f64;
        println!(
            "bliss: {n} songs, {} threads: {wall:.2} s wall, {:.2} songs/s, {ms:.1} ms/song; CPU {cpu:.1} s; \
             scan = {:.4}% of audio duration; peak RSS {:.0} MiB; {failed} failed",
            args.threads,
            n as f64 / wall,
            100.0 * wall / audio,
            peak_rss_mib().unwrap_or(f64::NAN)
        );
        println!(
            "RESULT phase=bliss songs={n} wall_s={wall:.3} ms_per_song={ms:.2} cpu_s={cpu:.2} peak_mib={:.0} failed={failed}",
            peak_rss_mib().unwrap_or(f64::NAN)
        );
        // a fair ratio needs the same songs: --bliss N with N = the scan's song count
        let same = if n == count { "same songs" } else { "NOT the same songs: use --bliss with the scan's count" };
        for (name, wall_ms, cpu_ms) in &ours {
            println!(
                "speed-up of {name} over bliss ({same}): {:.1}x wall ({wall_ms:.1} vs {ms:.1} ms/song), {:.1}x CPU ({cpu_ms:.1} vs {:.1} ms/song)",
                ms / wall_ms,
                cpu * 1000.0 / n as f64 / cpu_ms,
                cpu * 1000.0 / n as f64
            );
            println!(
                "RESULT speedup={name}_over_bliss wall_x={:.2} cpu_x={:.2} same_songs={}",
                ms / wall_ms,
                cpu * 1000.0 / n as f64 / cpu_ms,
                n == count
            );
        }
    }
}
