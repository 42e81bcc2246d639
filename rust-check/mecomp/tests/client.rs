//! mecomp-embed's models as MECOMP loads and runs them: mecomp-analysis 0.7.3's own loader, decoder and
//! `embed`/`embed_batch`, unmodified, against the Java tool's `embed` over the same files
//! (fixtures/mecomp-client/java-embeddings-<tag>.csv, written with export/mecomp-embed-<tag>.onnx).

use mecomp_analysis::ResampledAudio;
use mecomp_analysis::decoder::{Decoder, MecompDecoder};
use mecomp_analysis::embeddings::{AudioEmbeddingModel, Environment, default_environment};
use mecomp_client_check::{
    cosine, exported_models, java_embeddings_file, max_abs_diff, model_tag, norm, read_embeddings_csv, repo_root,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A model without level normalisation: its embedding moves with a 3 dB gain, which the mixdown test needs.
const LEVEL_SENSITIVE: &str = "v1";
/// Files that reach the model through the same decoding and mixdown and no resampling: Java and MECOMP agree
/// to rounding.
const EXACT_TOLERANCE: f32 = 1e-5;
/// Files where the decoders (MP3) or the resamplers (rubato's cubic FastFixedIn vs the Java Kaiser-sinc) differ.
const MIN_COSINE: f64 = 0.999;

fn environment() -> Environment {
    static ENV: OnceLock<Environment> = OnceLock::new();
    ENV.get_or_init(|| default_environment().expect("ONNX Runtime should start (run ./setup-ort.sh first)")).clone()
}

fn fixture_dir() -> PathBuf {
    std::env::var_os("MECOMP_CLIENT_FIXTURES").map_or_else(|| repo_root().join("fixtures/mecomp-client"), PathBuf::from)
}

fn load(path: &Path) -> AudioEmbeddingModel {
    AudioEmbeddingModel::load_from_onnx(&environment(), path, false)
        .unwrap_or_else(|e| panic!("MECOMP's loader rejected {}: {e}", path.display()))
}

/// Each `export/mecomp-embed-<tag>.onnx` with the Java tool's embeddings of the fixture files.
fn shipped_models() -> Vec<(String, PathBuf, BTreeMap<String, Vec<f32>>)> {
    let models: Vec<_> = exported_models()
        .into_iter()
        .filter_map(|path| model_tag(&path).map(|tag| (tag, path)))
        .map(|(tag, path)| {
            let csv = java_embeddings_file(&fixture_dir(), &tag);
            assert!(csv.is_file(), "{} has no Java embeddings {}: write them with `java -jar target/mecomp-embed.jar \
                embed fixtures/mecomp-client --onnx export/mecomp-embed-{tag}.onnx --out {} --threads 1`",
                path.display(), csv.display(), csv.display());
            let java = read_embeddings_csv(&csv);
            (tag, path, java)
        })
        .collect();
    assert!(!models.is_empty(), "no export/mecomp-embed-<tag>.onnx");
    models
}

/// The fixture files that the Java CSVs have numbers for, decoded by MECOMP.
fn decoded_fixtures() -> Vec<(String, ResampledAudio)> {
    let java = read_embeddings_csv(&java_embeddings_file(&fixture_dir(), LEVEL_SENSITIVE));
    assert!(java.len() >= 5, "expected the fixture files' Java embeddings, found {} rows", java.len());
    let decoder = MecompDecoder::new().expect("MECOMP's resampler");
    java.keys()
        .map(|name| {
            let path = fixture_dir().join(name);
            let audio = decoder.decode(&path).unwrap_or_else(|e| panic!("MECOMP cannot decode {}: {e}", path.display()));
            (name.clone(), audio)
        })
        .collect()
}

#[test]
fn every_exported_model_loads_with_mecomps_loader_and_gives_a_finite_unit_embedding() {
    let models = exported_models();
    assert!(!models.is_empty(), "no .onnx file in export/");
    let second: Vec<f32> = (0..22_050).map(|n| 0.5 * (2.0 * std::f32::consts::PI * 440.0 * n as f32 / 22_050.0).sin()).collect();
    let audio = ResampledAudio { path: PathBuf::from("tone"), samples: second };
    for path in models {
        let mut model = AudioEmbeddingModel::load_from_onnx(&environment(), &path, false)
            .unwrap_or_else(|e| panic!("MECOMP's loader rejected {}: {e}", path.display()));
        // embed checks the output's name and its [1, 32] shape, as MECOMP does
        let embedding = model.embed(&audio).unwrap_or_else(|e| panic!("{}: embed failed: {e}", path.display()));
        assert!(embedding.as_slice().iter().all(|x| x.is_finite()), "{}: non-finite embedding", path.display());
        assert!((norm(embedding.as_slice()) - 1.0).abs() < 1e-4, "{}: norm {}", path.display(), norm(embedding.as_slice()));
        println!("{}: loaded by load_from_onnx, embed gives a unit vector", path.display());
    }
}

#[test]
fn mecomps_decoder_and_embed_match_the_java_embed_command_on_mono_and_stereo_files() {
    let decoded = decoded_fixtures();
    let mut failures = Vec::new();
    for (tag, path, java) in shipped_models() {
        let mut model = load(&path);
        assert_eq!(java.len(), decoded.len(), "{tag}: the Java CSVs must cover the same files");
        for (file, audio) in &decoded {
            let name = format!("{tag} {file}");
            let expected = &java[file];
            let got = model.embed(audio).unwrap_or_else(|e| panic!("{name}: embed failed: {e}"));
            let (diff, cos) = (max_abs_diff(got.as_slice(), expected), cosine(got.as_slice(), expected));
            // 22,050 Hz WAV and Ogg, mono or stereo: the same samples reach the model on both sides; resampled
            // (44,100 Hz) and MP3 files within a cosine bound
            let exact = file.contains("-22050.") && (file.ends_with(".wav") || file.ends_with(".ogg"));
            let ok = if exact { diff <= EXACT_TOLERANCE } else { cos >= MIN_COSINE };
            let rule = if exact { format!("max abs <= {EXACT_TOLERANCE:e}") } else { format!("cosine >= {MIN_COSINE}") };
            println!("{name:22} {} samples at 22,050 Hz: max abs {diff:.2e}, 1 - cosine {:.2e} ({rule}){}",
                audio.samples.len(), 1.0 - cos, if ok { "" } else { "  FAILS" });
            if !ok {
                failures.push(format!("{name}: max abs {diff:.3e}, cosine {cos:.6} ({rule})"));
            }
        }
    }
    assert!(failures.is_empty(), "MECOMP's embeddings differ from the Java tool's: {failures:?}");
}

#[test]
fn stereo_files_would_miss_the_cosine_bound_with_the_average_mixdown_the_java_side_used_before() {
    // Why the Java decoders mix stereo as MECOMP does: the average is 3 dB quieter, and the log-mel front-end
    // is not loudness-invariant. MECOMP's stereo samples scaled by 1/√2 are what an averaging mix would feed.
    let java = read_embeddings_csv(&java_embeddings_file(&fixture_dir(), LEVEL_SENSITIVE));
    let mut model = load(&repo_root().join(format!("export/mecomp-embed-{LEVEL_SENSITIVE}.onnx")));
    let mut worst: f64 = 1.0;
    for (name, mut audio) in decoded_fixtures().into_iter().filter(|(name, _)| name.starts_with("stereo-")) {
        audio.samples.iter_mut().for_each(|x| *x *= std::f32::consts::FRAC_1_SQRT_2);
        let averaged = model.embed(&audio).expect("embed");
        let cos = cosine(averaged.as_slice(), &java[&name]);
        println!("{name:18} as an average mixdown: 1 - cosine {:.2e}", 1.0 - cos);
        worst = worst.min(cos);
    }
    assert!(worst < MIN_COSINE, "an average mixdown should take some stereo file below cosine {MIN_COSINE}, worst {worst}");
}

#[test]
fn embed_batch_gives_what_embed_gives_for_each_song() {
    let decoded = decoded_fixtures();
    // embed_batch zero-pads every song to the longest: cut them to one length so that padding plays no part
    let length = decoded.iter().map(|(_, a)| a.samples.len()).min().expect("fixtures");
    let batch: Vec<ResampledAudio> = decoded
        .iter()
        .map(|(_, a)| ResampledAudio { path: a.path.clone(), samples: a.samples[..length].to_vec() })
        .collect();
    for (tag, path, _) in shipped_models() {
        let mut model = load(&path);
        let together = model.embed_batch(&batch).expect("embed_batch");
        assert_eq!(together.len(), batch.len());
        for ((name, _), (audio, batched)) in decoded.iter().zip(batch.iter().zip(&together)) {
            let alone = model.embed(audio).expect("embed");
            let diff = max_abs_diff(alone.as_slice(), batched.as_slice());
            assert!(diff <= 1e-5, "{tag} {name}: embed_batch differs from embed by {diff}");
        }
        println!("{tag}: embed_batch of {} songs of {length} samples equals embed", batch.len());
    }
}

/// The `check` binary: MECOMP's loader and `embed` on any file, as a user runs it before setting model_path.
#[test]
fn the_check_binary_takes_a_shipped_model_and_refuses_a_broken_file() {
    let bin = env!("CARGO_BIN_EXE_check");
    let shipped = exported_models().into_iter().last().expect("a model in export/");
    let dir = std::env::temp_dir().join(format!("mecomp-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let broken = dir.join("broken.onnx");
    std::fs::write(&broken, "not a model").expect("a file in the temporary folder");
    let song = fixture_dir().join("stereo-44100.ogg");

    let run = |args: &[&Path]| {
        let out = std::process::Command::new(bin).args(args).output().expect("the check binary runs");
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, out, err) = run(&[&shipped, Path::new("--audio"), &song]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("PASS  loads") && out.contains("PASS  stereo-44100.ogg") && out.contains("0 failed"), "{out}");

    let (code, out, err) = run(&[&broken, &shipped]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.contains("FAIL  loads          MECOMP's loader refuses it"), "{out}");
    assert!(out.contains("uses its built-in model"), "{out}");
    assert!(out.contains(&format!("2 files: 1 taken by MECOMP's own code, not: {}", broken.display())), "{out}");

    let (code, _, err) = run(&[&shipped, Path::new("--audio"), &broken]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("MECOMP's decoder cannot read"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
