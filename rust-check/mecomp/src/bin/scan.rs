//! A library scan as MECOMP runs it, timed: mecomp-analysis 0.7.3's `process_songs_with_cores` (decode the
//! whole song, then its bliss-style analysis and the embedding model side by side, one song per thread, the
//! model with MECOMP's own ONNX Runtime session settings), with our model and with MECOMP's, and the parts of
//! it alone; plus the embedding with a decoder that reads only the windows our model uses.
//!
//! Every variant runs in a child process of its own (so that its peak memory is its own), variants
//! interleaved run after run, and the medians printed side by side at the end:
//!
//! ```text
//! scan FOLDER [--count N] [--repeat R] [--threads T] [--ours FILE] [--mecomp FILE] [--variants a,b,...]
//! ```
//!
//! Variants: `decode` (MECOMP's whole-song decode alone), `analysis` (decode + MECOMP's bliss-style features),
//! `embed-ours`, `embed-mecomp` (decode + the model), `scan-ours`, `scan-mecomp` (MECOMP's scan: decode +
//! features + model), `windows-ours` (the windows our model reads, decoded alone, + the model).

use std::cell::RefCell;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use mecomp_analysis::decoder::{Decoder, MecompDecoder};
use mecomp_analysis::embeddings::{AudioEmbeddingModel, Environment, ModelConfig, default_environment};
use mecomp_analysis::errors::AnalysisResult;
use mecomp_analysis::{Analysis, ResampledAudio};
use mecomp_client_check::windows::decode_windows;
use mecomp_client_check::{cosine, repo_root};
use rayon::prelude::*;

const VARIANTS: &[&str] = &["decode", "analysis", "embed-ours", "embed-mecomp", "scan-ours", "scan-mecomp", "windows-ours"];

/// Decode CPU time summed over threads, in nanoseconds.
static DECODE_NANOS: AtomicU64 = AtomicU64::new(0);
/// Decoded share of the songs' frames, summed (windows variant), in millionths.
static DECODED_SHARE_MICROS: AtomicU64 = AtomicU64::new(0);

fn thread_cpu_nanos() -> u64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes the timespec it is given
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

/// (CPU seconds of the process, user + system; peak resident set in MB)
fn process_usage() -> (f64, f64) {
    // SAFETY: getrusage fills the zeroed struct it is given
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (secs(u.ru_utime) + secs(u.ru_stime), u.ru_maxrss as f64 / 1024.0)
}

/// MECOMP's decoder, timed: `process_songs_with_cores` calls `decode` through the trait, so wrapping it
/// measures the decoding inside MECOMP's own scan.
struct TimedDecoder(MecompDecoder);

impl Decoder for TimedDecoder {
    fn decode(&self, path: &Path) -> AnalysisResult<ResampledAudio> {
        let start = thread_cpu_nanos();
        let audio = self.0.decode(path);
        DECODE_NANOS.fetch_add(thread_cpu_nanos() - start, Ordering::Relaxed);
        audio
    }
}

struct Options {
    folder: PathBuf,
    count: usize,
    repeat: usize,
    threads: usize,
    ours: PathBuf,
    mecomp: PathBuf,
    variants: Vec<String>,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        folder: PathBuf::new(),
        count: 12,
        repeat: 3,
        threads: std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        ours: repo_root().join("export/mecomp-embed-v1.onnx"),
        mecomp: repo_root().join("../shared/anchors/mecomp-v0.7-audio-embedding.onnx"),
        variants: VARIANTS.iter().map(|v| v.to_string()).collect(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--count" => o.count = value("--count")?.parse().map_err(|e| format!("--count: {e}"))?,
            "--repeat" => o.repeat = value("--repeat")?.parse().map_err(|e| format!("--repeat: {e}"))?,
            "--threads" => o.threads = value("--threads")?.parse().map_err(|e| format!("--threads: {e}"))?,
            "--ours" => o.ours = value("--ours")?.into(),
            "--mecomp" => o.mecomp = value("--mecomp")?.into(),
            "--variants" => o.variants = value("--variants")?.split(',').map(str::to_owned).collect(),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            folder => o.folder = folder.into(),
        }
    }
    if o.folder.as_os_str().is_empty() {
        return Err("usage: scan FOLDER [--count N] [--repeat R] [--threads T] [--ours FILE] [--mecomp FILE] [--variants a,b]".into());
    }
    if let Some(bad) = o.variants.iter().find(|v| !VARIANTS.contains(&v.as_str())) {
        return Err(format!("unknown variant {bad}; known: {}", VARIANTS.join(", ")));
    }
    Ok(o)
}

/// `count` songs spread over the folder's audio files in name order (every k-th), so that formats mix.
fn pick_songs(folder: &Path, count: usize) -> Result<Vec<PathBuf>, String> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| format!("cannot list {}: {e}", folder.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|x| x.to_str()).is_some_and(|x| ["mp3", "ogg", "flac", "wav"].contains(&x)))
        .collect();
    all.sort();
    if all.is_empty() {
        return Err(format!("no .mp3, .ogg, .flac or .wav file in {}", folder.display()));
    }
    let step = (all.len() / count.max(1)).max(1);
    Ok(all.into_iter().step_by(step).take(count).collect())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().is_some_and(|a| a == "--child") { child(&args[1..]) } else { driver(&args) };
    if let Err(e) = result {
        eprintln!("scan: {e}");
        std::process::exit(2);
    }
}

// ---- one variant, in its own process ----

fn child(args: &[String]) -> Result<(), String> {
    let [variant, list, threads, ours, mecomp, out] = args else {
        return Err("--child VARIANT LIST THREADS OURS MECOMP OUT".into());
    };
    let paths: Vec<PathBuf> = std::fs::read_to_string(list).map_err(|e| e.to_string())?.lines().map(PathBuf::from).collect();
    let threads: usize = threads.parse().map_err(|e| format!("threads: {e}"))?;
    let model = |name: &str| if name.ends_with("ours") { PathBuf::from(ours) } else { PathBuf::from(mecomp) };
    let env = default_environment().map_err(|e| format!("ONNX Runtime: {e}"))?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())?;
    let decoder = TimedDecoder(MecompDecoder::new().map_err(|e| e.to_string())?);
    let started = Instant::now();
    let embeddings: Vec<(PathBuf, Vec<f32>)> = match variant.as_str() {
        "scan-ours" | "scan-mecomp" => {
            // MECOMP's scan, as its library rescan calls it
            let config = ModelConfig { path: Some(model(variant)), hardware_acceleration: false };
            let (tx, rx) = std::sync::mpsc::sync_channel(paths.len());
            decoder
                .process_songs_with_cores(&paths, tx, NonZeroUsize::new(threads).unwrap(), config, &env)
                .map_err(|e| format!("process_songs: {e}"))?;
            let mut out = Vec::new();
            for (path, analysis, embedding) in rx.try_iter() {
                analysis.map_err(|e| format!("{}: analysis: {e}", path.display()))?;
                let embedding = embedding.map_err(|e| format!("{}: embedding: {e}", path.display()))?;
                out.push((path, embedding.as_slice().to_vec()));
            }
            out
        }
        "decode" | "analysis" => pool.install(|| {
            paths
                .par_iter()
                .map(|path| {
                    let audio = decoder.decode(path).map_err(|e| format!("{}: {e}", path.display()))?;
                    if variant == "analysis" {
                        Analysis::from_samples(&audio).map_err(|e| format!("{}: analysis: {e}", path.display()))?;
                    }
                    Ok((path.clone(), Vec::new()))
                })
                .collect::<Result<Vec<_>, String>>()
        })?,
        "embed-ours" | "embed-mecomp" | "windows-ours" => {
            let path = model(variant);
            pool.install(|| {
                paths
                    .par_iter()
                    .map(|song| {
                        let audio = if variant == "windows-ours" {
                            let start = thread_cpu_nanos();
                            let windows = decode_windows(&decoder.0, song)?;
                            DECODE_NANOS.fetch_add(thread_cpu_nanos() - start, Ordering::Relaxed);
                            DECODED_SHARE_MICROS.fetch_add((windows.decoded_share * 1e6) as u64, Ordering::Relaxed);
                            windows.audio
                        } else {
                            decoder.decode(song).map_err(|e| format!("{}: {e}", song.display()))?
                        };
                        let embedding = with_model(&env, &path, |m| m.embed(&audio).map(|e| e.as_slice().to_vec()).map_err(|e| e.to_string()))?;
                        Ok((song.clone(), embedding))
                    })
                    .collect::<Result<Vec<_>, String>>()
            })?
        }
        other => return Err(format!("unknown variant {other}")),
    };
    let wall = started.elapsed().as_secs_f64();
    let (cpu, peak) = process_usage();
    let decode = DECODE_NANOS.load(Ordering::Relaxed) as f64 / 1e9;
    let share = DECODED_SHARE_MICROS.load(Ordering::Relaxed) as f64 / 1e6 / paths.len() as f64;
    let mut csv = String::new();
    for (path, e) in &embeddings {
        let values: Vec<String> = e.iter().map(|x| x.to_string()).collect();
        csv.push_str(&format!("{}\t{}\n", path.display(), values.join(",")));
    }
    std::fs::write(out, csv).map_err(|e| format!("{out}: {e}"))?;
    println!("RESULT wall={wall:.3} cpu={cpu:.3} peak_mb={peak:.1} decode_cpu={decode:.3} decoded_share={share:.4}");
    Ok(())
}

/// One model per thread, loaded on first use, as MECOMP's scan keeps it (thread-local, MECOMP's loader).
fn with_model<T>(env: &Environment, path: &Path, f: impl FnOnce(&mut AudioEmbeddingModel) -> Result<T, String>) -> Result<T, String> {
    thread_local! {
        static MODEL: RefCell<Option<AudioEmbeddingModel>> = const { RefCell::new(None) };
    }
    MODEL.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(AudioEmbeddingModel::load_from_onnx(env, path, false).map_err(|e| format!("{}: {e}", path.display()))?);
        }
        f(slot.as_mut().unwrap())
    })
}

// ---- the driver: every variant, run after run, medians side by side ----

#[derive(Default, Clone)]
struct Run {
    wall: f64,
    cpu: f64,
    peak_mb: f64,
    decode_cpu: f64,
    decoded_share: f64,
    load: String,
}

fn driver(args: &[String]) -> Result<(), String> {
    let o = parse_options(args)?;
    let songs = pick_songs(&o.folder, o.count)?;
    let tmp = std::env::temp_dir().join(format!("mecomp-scan-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| e.to_string())?;
    let list = tmp.join("songs.txt");
    std::fs::write(&list, songs.iter().map(|p| p.display().to_string() + "\n").collect::<String>()).map_err(|e| e.to_string())?;
    let seconds: f64 = songs.iter().map(|p| song_seconds(p)).sum();
    println!("{} songs ({:.1} min of audio) from {}, {} threads, {} runs; ours {}, MECOMP's {}",
        songs.len(), seconds / 60.0, o.folder.display(), o.threads, o.repeat, o.ours.display(), o.mecomp.display());
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut runs: Vec<Vec<Run>> = vec![Vec::new(); o.variants.len()];
    for r in 0..o.repeat {
        for (i, variant) in o.variants.iter().enumerate() {
            let out = tmp.join(format!("{variant}.tsv"));
            let load_before = load_average();
            let output = Command::new(&exe)
                .args(["--child", variant, &list.display().to_string(), &o.threads.to_string()])
                .arg(&o.ours).arg(&o.mecomp).arg(&out)
                .output()
                .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
            let stdout = String::from_utf8_lossy(&output.stdout);
            let line = stdout.lines().find(|l| l.starts_with("RESULT ")).ok_or_else(|| {
                format!("{variant} failed: {}", String::from_utf8_lossy(&output.stderr).trim())
            })?;
            let field = |key: &str| -> f64 {
                line.split_whitespace().find_map(|kv| kv.strip_prefix(&format!("{key}="))).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
            };
            let run = Run {
                wall: field("wall"), cpu: field("cpu"), peak_mb: field("peak_mb"), decode_cpu: field("decode_cpu"),
                decoded_share: field("decoded_share"), load: format!("{load_before} → {}", load_average()),
            };
            println!("run {} {variant:13} wall {:7.2} s  CPU {:7.2} s  peak {:6.0} MB  decode CPU {:6.2} s  load {}",
                r + 1, run.wall, run.cpu, run.peak_mb, run.decode_cpu, run.load);
            runs[i].push(run);
        }
    }
    compare_windows(&tmp, &o.variants);
    let n = songs.len() as f64;
    println!("\nMedians of {} runs, {} songs ({:.1} min of audio), {} threads:\n", o.repeat, songs.len(), seconds / 60.0, o.threads);
    println!("| variant | songs/s | wall ms/song | CPU ms/song | decode share of CPU | peak RSS MB | load average (1 min, before → after) |");
    println!("|---|---:|---:|---:|---:|---:|---|");
    for (variant, rs) in o.variants.iter().zip(&runs) {
        let wall = median(rs.iter().map(|r| r.wall).collect());
        let cpu = median(rs.iter().map(|r| r.cpu).collect());
        let share = median(rs.iter().map(|r| r.decode_cpu / r.cpu).collect());
        let peak = median(rs.iter().map(|r| r.peak_mb).collect());
        let loads: Vec<&str> = rs.iter().map(|r| r.load.as_str()).collect();
        let decoded = rs[0].decoded_share;
        let note = if variant == "windows-ours" { format!(" ({:.0}% of the frames decoded)", 100.0 * decoded) } else { String::new() };
        let decode_share = format!("{:.0}%{note}", 100.0 * share);
        println!("| {variant} | {:.2} | {:.0} | {:.0} | {decode_share} | {peak:.0} | {} |", n / wall, 1000.0 * wall / n, 1000.0 * cpu / n, loads.join("; "));
    }
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(())
}

/// Our model's embeddings from the window decoder against the whole-song decode of the same run.
fn compare_windows(tmp: &Path, variants: &[String]) {
    if !(variants.iter().any(|v| v == "windows-ours") && variants.iter().any(|v| v == "embed-ours")) {
        return;
    }
    let read = |name: &str| -> Vec<(String, Vec<f32>)> {
        std::fs::read_to_string(tmp.join(name)).unwrap_or_default().lines().filter_map(|l| {
            let (path, values) = l.split_once('\t')?;
            Some((path.to_owned(), values.split(',').filter_map(|v| v.parse().ok()).collect()))
        }).collect()
    };
    let (whole, windows) = (read("embed-ours.tsv"), read("windows-ours.tsv"));
    let mut worst = (1.0f64, String::new());
    let mut largest = 0f32;
    for (path, w) in &windows {
        if let Some((_, e)) = whole.iter().find(|(p, _)| p == path) {
            let c = cosine(w, e);
            largest = largest.max(mecomp_client_check::max_abs_diff(w, e));
            if c < worst.0 {
                worst = (c, path.clone());
            }
        }
    }
    println!("window decoder vs whole-song decode, our model, {} songs: max abs {largest:.2e}, lowest cosine {:.7} ({})",
        windows.len(), worst.0, worst.1);
}

fn song_seconds(path: &Path) -> f64 {
    use symphonia::core::{formats::FormatOptions, io::MediaSourceStream, meta::MetadataOptions, probe::Hint};
    let Ok(file) = std::fs::File::open(path) else { return 0.0 };
    let mss = MediaSourceStream::new(Box::new(file), Default::default());
    let Ok(probed) = symphonia::default::get_probe().format(&Hint::new(), mss, &FormatOptions::default(), &MetadataOptions::default()) else { return 0.0 };
    let Some(track) = probed.format.default_track() else { return 0.0 };
    match (track.codec_params.n_frames, track.codec_params.sample_rate) {
        (Some(n), Some(r)) => n as f64 / f64::from(r),
        _ => 0.0,
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").ok().and_then(|s| s.split_whitespace().next().map(str::to_owned)).unwrap_or_default()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() { f64::NAN } else if v.len() % 2 == 1 { v[v.len() / 2] } else { (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0 }
}
