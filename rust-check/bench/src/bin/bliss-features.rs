//! bliss-audio's 23 features of every clip of a data set, one CSV row per clip, for
//! `java -jar mecomp-embed.jar eval --features CSV`.
//!
//! Usage: bliss-features <set folder> --out <file.csv> [--threads N]

use std::path::PathBuf;
use std::time::Instant;

use bliss_audio::{AnalysisIndex, Song, NUMBER_FEATURES};
use mecomp_embed_bench::dataset::{read_labels, write_atomically};
use mecomp_embed_bench::decode::decode_whole;
use mecomp_embed_bench::stats::{median, peak_rss_mib};
use rayon::prelude::*;
use strum::IntoEnumIterator;

const USAGE: &str = "usage: bliss-features <set folder with labels.csv> --out <file.csv> [--threads N]";

struct Args {
    set: PathBuf,
    out: PathBuf,
    threads: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut set = None;
    let mut out = None;
    let mut threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(it.next().ok_or("--out needs a file")?)),
            "--threads" => {
                let v = it.next().ok_or("--threads needs a number")?;
                threads = v.parse().ok().filter(|&n| n >= 1).ok_or(format!("--threads: not a count >= 1: '{v}'"))?;
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            s if s.starts_with('-') => return Err(format!("unknown option '{s}'\n{USAGE}")),
            s => set = Some(PathBuf::from(s)),
        }
    }
    Ok(Args {
        set: set.ok_or(format!("no set folder given\n{USAGE}"))?,
        out: out.ok_or(format!("no --out file given\n{USAGE}"))?,
        threads,
    })
}

/// bliss's feature names in its own order (AnalysisIndex), as snake_case: tempo, zcr, ..., chroma13.
fn feature_names() -> Vec<String> {
    let names: Vec<String> = AnalysisIndex::iter().map(|i| snake_case(&format!("{i:?}"))).collect();
    assert_eq!(names.len(), NUMBER_FEATURES, "bliss-audio's AnalysisIndex and NUMBER_FEATURES disagree");
    names
}

fn snake_case(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

struct Outcome {
    features: Result<Vec<f32>, String>,
    decode_s: f64,
    analysis_s: f64,
    audio_s: f64,
}

fn analyse(path: &std::path::Path) -> Outcome {
    let t0 = Instant::now();
    let samples = match decode_whole(path) {
        Ok(s) => s,
        Err(e) => {
            return Outcome { features: Err(e), decode_s: t0.elapsed().as_secs_f64(), analysis_s: 0.0, audio_s: 0.0 }
        }
    };
    let decode_s = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let features = Song::analyze(&samples).map_err(|e| e.to_string()).and_then(|a| {
        let v = a.as_vec();
        match v.iter().position(|x| !x.is_finite()) {
            Some(i) => Err(format!("feature {} is {} (not finite)", feature_names()[i], v[i])),
            None => Ok(v),
        }
    });
    Outcome { features, decode_s, analysis_s: t1.elapsed().as_secs_f64(), audio_s: samples.len() as f64 / 22_050.0 }
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let clips = match read_labels(&args.set) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("bliss-features: {e}");
            std::process::exit(2);
        }
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads).build().expect("thread pool");
    let start = Instant::now();
    let outcomes: Vec<Outcome> = pool.install(|| clips.par_iter().map(|c| analyse(&c.path)).collect());
    let wall = start.elapsed().as_secs_f64();

    let names = feature_names();
    let mut text = String::from("clip_id");
    for n in &names {
        text.push(',');
        text.push_str(n);
    }
    text.push('\n');
    let mut failures = Vec::new();
    for (clip, o) in clips.iter().zip(&outcomes) {
        match &o.features {
            Ok(v) => {
                text.push_str(&clip.id);
                for x in v {
                    text.push(',');
                    text.push_str(&x.to_string());
                }
                text.push('\n');
            }
            Err(e) => failures.push(format!("{} ({}): {e}", clip.id, clip.path.display())),
        }
    }
    let ok = clips.len() - failures.len();
    if ok > 0 {
        if let Err(e) = write_atomically(&args.out, &text) {
            eprintln!("bliss-features: {}: cannot write: {e}", args.out.display());
            std::process::exit(1);
        }
    }
    let sum = |f: fn(&Outcome) -> f64| outcomes.iter().map(f).sum::<f64>();
    let per_clip: Vec<f64> = outcomes.iter().map(|o| (o.decode_s + o.analysis_s) * 1000.0).collect();
    println!(
        "bliss-features: {} clips of {} ({} ok, {} failed) in {:.1} s with {} threads: {:.1} clips/s; \
         per clip median {:.0} ms (thread time; decode {:.0}% of it); {:.0} s of audio; peak RSS {:.0} MiB",
        clips.len(),
        args.set.display(),
        ok,
        failures.len(),
        wall,
        args.threads,
        clips.len() as f64 / wall,
        median(&per_clip),
        100.0 * sum(|o| o.decode_s) / (sum(|o| o.decode_s) + sum(|o| o.analysis_s)),
        sum(|o| o.audio_s),
        peak_rss_mib().unwrap_or(f64::NAN),
    );
    if ok > 0 {
        println!("wrote {} ({} features per clip)", args.out.display(), names.len());
    }
    if !failures.is_empty() {
        println!("{} clip(s) failed:", failures.len());
        for f in &failures {
            println!("  {f}");
        }
    }
    std::process::exit(if ok == 0 { 1 } else { 0 });
}
