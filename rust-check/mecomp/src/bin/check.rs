//! ONNX files as MECOMP itself loads and runs them: mecomp-analysis 0.7.3's `AudioEmbeddingModel::load_from_onnx`
//! (its session settings, ONNX Runtime 1.31) and its `embed`, which reads output `embedding` by name and refuses any
//! shape but [1, 32]. The twin of the Java tool's `check`, which runs ONNX Runtime 1.20 with the same settings and
//! checks more (size, metadata, batches, level, time); this one answers "does MECOMP's own code take this file?".
//!
//! ```text
//! check MODEL.onnx [MODEL.onnx ...] [--audio FILE ...]
//! ```
//!
//! Each model embeds a 3-minute synthetic song, 30 s of silence, a 0.25-s tone and a 10-minute song, and every
//! `--audio` file as MECOMP's decoder (`MecompDecoder`) gives it. Each is PASS (a finite unit vector), WARN (finite,
//! not unit length; or an odd synthetic song that fails, which MECOMP would leave without a vector) or FAIL (the
//! loader refuses the file, so MECOMP would log a warning and use its built-in model; the 3-minute song or an
//! `--audio` file fails; a non-finite value). Exit code 1 if any model failed, 2 for a wrong command line or audio
//! that MECOMP's decoder cannot read.

use std::path::{Path, PathBuf};

use mecomp_analysis::ResampledAudio;
use mecomp_analysis::decoder::{Decoder, MecompDecoder};
use mecomp_analysis::embeddings::{AudioEmbeddingModel, DIM_EMBEDDING, Environment, default_environment};
use mecomp_client_check::norm;

const RATE: usize = 22_050;
/// How far from 1 a vector's length may be and still count as unit length (float32 rounding).
const UNIT_TOLERANCE: f64 = 1e-3;
const USAGE: &str = "usage: check MODEL.onnx [MODEL.onnx ...] [--audio FILE ...]";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Pass,
    Warn,
    Fail,
}

impl Verdict {
    fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Warn => "WARN",
            Verdict::Fail => "FAIL",
        }
    }
}

/// A song to embed, and whether its failing the call fails the model (else it only warns).
struct Song {
    name: String,
    audio: ResampledAudio,
    must_work: bool,
}

fn main() {
    let mut models = Vec::new();
    let mut audio_files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            "--audio" => match args.next() {
                Some(file) => audio_files.push(PathBuf::from(file)),
                None => usage_error("--audio needs a file"),
            },
            flag if flag.starts_with("--") => usage_error(&format!("unknown option {flag}")),
            _ => models.push(PathBuf::from(arg)),
        }
    }
    if models.is_empty() {
        usage_error("no model given");
    }
    let env = default_environment().unwrap_or_else(|e| {
        eprintln!("check: ONNX Runtime does not start ({e}); run ./setup-ort.sh first");
        std::process::exit(2);
    });
    let songs = songs(&audio_files);
    let failed: Vec<&PathBuf> = models.iter().filter(|m| !check(&env, m, &songs)).collect();
    if models.len() > 1 {
        let names: Vec<String> = failed.iter().map(|m| m.display().to_string()).collect();
        println!("{} files: {} taken by MECOMP's own code{}", models.len(), models.len() - failed.len(),
            if names.is_empty() { String::new() } else { format!(", not: {}", names.join(", ")) });
    }
    std::process::exit(if failed.is_empty() { 0 } else { 1 });
}

fn usage_error(message: &str) -> ! {
    eprintln!("check: {message}\n{USAGE}");
    std::process::exit(2);
}

/// Prints one model's findings; true when none failed.
fn check(env: &Environment, path: &Path, songs: &[Song]) -> bool {
    println!("{}", path.display());
    let mut counts = [0usize; 3];
    let mut report = |verdict: Verdict, what: &str, detail: String| {
        counts[verdict as usize] += 1;
        println!("  {}  {what:<14} {detail}", verdict.label());
    };
    match AudioEmbeddingModel::load_from_onnx(env, path, false) {
        Err(e) => report(Verdict::Fail, "loads", format!("MECOMP's loader refuses it: {}. With model_path set to \
            it, MECOMP logs a warning and uses its built-in model", e.to_string().trim_end_matches('.'))),
        Ok(mut model) => {
            report(Verdict::Pass, "loads", "mecomp-analysis 0.7.3's loader opens it (its session settings)".into());
            for song in songs {
                let (verdict, detail) = match model.embed(&song.audio) {
                    Err(e) => (if song.must_work { Verdict::Fail } else { Verdict::Warn },
                        format!("embed fails: {}; MECOMP would leave such songs without a vector",
                            e.to_string().trim_end_matches('.'))),
                    Ok(embedding) => judge(embedding.as_slice()),
                };
                report(verdict, &song.name, detail);
            }
        }
    }
    let [pass, warn, fail] = counts;
    println!("  {pass} passed, {warn} warning{}, {fail} failed: {}", if warn == 1 { "" } else { "s" },
        if fail > 0 { "MECOMP's own code does not take it as it is" } else { "MECOMP's own code takes it" });
    fail == 0
}

fn judge(v: &[f32]) -> (Verdict, String) {
    if v.iter().any(|x| !x.is_finite()) {
        return (Verdict::Fail, "non-finite values (NaN or infinity), which would break MECOMP's nearest-neighbour \
            search".into());
    }
    let length = norm(v);
    if (length - 1.0).abs() <= UNIT_TOLERANCE {
        (Verdict::Pass, format!("{DIM_EMBEDDING} finite values of unit length"))
    } else {
        (Verdict::Warn, format!("{DIM_EMBEDDING} finite values, length {length:.4} instead of 1"))
    }
}

fn songs(audio_files: &[PathBuf]) -> Vec<Song> {
    let three_minutes = music(180 * RATE);
    let ten_minutes: Vec<f32> = three_minutes.iter().copied().cycle().take(600 * RATE).collect();
    let tone: Vec<f32> = (0..RATE / 4).map(|n| 0.5 * (2.0 * std::f32::consts::PI * 440.0 * n as f32 / RATE as f32).sin()).collect();
    let mut songs = vec![
        song("3-minute song", three_minutes, true),
        song("silence", vec![0.0; 30 * RATE], false),
        song("0.25-s song", tone, false),
        song("10-minute song", ten_minutes, false),
    ];
    if !audio_files.is_empty() {
        let decoder = MecompDecoder::new().unwrap_or_else(|e| {
            eprintln!("check: MECOMP's decoder does not start: {e}");
            std::process::exit(2);
        });
        for file in audio_files {
            let audio = decoder.decode(file).unwrap_or_else(|e| {
                eprintln!("check: MECOMP's decoder cannot read {}: {e}", file.display());
                std::process::exit(2);
            });
            let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
            songs.push(Song { name, audio, must_work: true });
        }
    }
    songs
}

fn song(name: &str, samples: Vec<f32>, must_work: bool) -> Song {
    Song { name: name.into(), audio: ResampledAudio { path: PathBuf::from(name), samples }, must_work }
}

/// Something like music, the same on every machine: a chord a second over a bass, noise bursts on the beat.
fn music(length: usize) -> Vec<f32> {
    const CHORDS: [[f32; 3]; 4] = [[261.63, 329.63, 392.0], [220.0, 261.63, 329.63], [174.61, 220.0, 261.63],
        [196.0, 246.94, 293.66]];
    let mut seed: u32 = 12_345;
    (0..length)
        .map(|n| {
            let t = n as f32 / RATE as f32;
            let chord = CHORDS[(n / RATE) % CHORDS.len()];
            let in_chord = t.fract();
            let envelope = (in_chord / 0.02).min(1.0) * (-2.5 * in_chord).exp();
            let harmony: f32 = chord.iter().map(|f| (2.0 * std::f32::consts::PI * f * t).sin()).sum::<f32>() * 0.15 * envelope;
            let bass = 0.2 * (std::f32::consts::PI * chord[0] * t).sin() * (-1.5 * in_chord).exp();
            // a linear congruential generator: the same noise everywhere, no crate needed
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let noise = (seed >> 8) as f32 / (1u32 << 24) as f32 * 2.0 - 1.0;
            let in_beat = t % 0.25;
            harmony + bass + 0.15 * noise * (-in_beat / 0.015).exp() + 0.003 * noise
        })
        .collect()
}
