//! tract's run of the exported models against the Java tool's numbers (`../../fixtures/`, format in that
//! folder's README): every case's embedding within the fixtures' tolerance (never looser than 1e-4), as
//! rust-check holds burn to them. The shipped file (`export/mecomp-embed-v1.onnx`, no `log_mel` output) is
//! held to the shipped fixtures too. `cargo test --release --features tract -- --nocapture` prints the
//! max differences.
#![cfg(feature = "tract")]

use std::fs;
use std::path::{Path, PathBuf};

use mecomp_embed_bench::embed::{Embedder, TractModel};
use serde_json::Value;

const MAX_TOLERANCE: f32 = 1e-4;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_f32(path: &Path) -> Vec<f32> {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
}

/// Largest difference of `model` from the embeddings in `fixtures`, over all cases.
fn check(model: &Path, fixtures: &Path) -> f32 {
    let index: Value = serde_json::from_str(&fs::read_to_string(fixtures.join("index.json")).unwrap()).unwrap();
    let tolerance = (index["tolerance"]["embedding"].as_f64().expect("tolerance.embedding") as f32).min(MAX_TOLERANCE);
    let tract = TractModel::load(model).unwrap_or_else(|e| panic!("{e}"));
    let mut worst = 0f32;
    for case in index["cases"].as_array().expect("cases") {
        let name = case["name"].as_str().unwrap();
        let samples = read_f32(&fixtures.join(case["samples"].as_str().unwrap()));
        assert_eq!(samples.len() as u64, case["sampleCount"].as_u64().unwrap(), "{name}: sample count");
        let want: Vec<f32> =
            case["embedding"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap() as f32).collect();
        let got = tract.embed(&samples).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got.len(), want.len(), "{name}: embedding size");
        let d = got.iter().zip(&want).map(|(a, b)| (a - b).abs()).fold(0f32, |m, x| if x.is_nan() { f32::NAN } else { m.max(x) });
        println!("{} {name}: max |diff| {d:.3e} (tolerance {tolerance:.0e})", model.display());
        assert!(d <= tolerance, "{}: case {name}: embedding differs from the Java model's by {d:e} > {tolerance:e}", model.display());
        worst = worst.max(d);
    }
    worst
}

#[test]
fn golden_model_matches_java() {
    let dir = repo().join("fixtures/golden");
    check(&dir.join("model.onnx"), &dir);
}

/// Every `export/mecomp-embed-<tag>.onnx`, and the model with the log-mel output that its fixtures were written with,
/// against `fixtures/shipped/<tag>/`.
#[test]
fn shipped_models_match_java() {
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("export")).expect("export/") {
        let path = entry.expect("a directory entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let Some(tag) = name.strip_prefix("mecomp-embed-").and_then(|n| n.strip_suffix(".onnx")) else { continue };
        let dir = repo().join("fixtures/shipped").join(tag);
        assert!(dir.join("index.json").is_file(), "{name} has no fixtures in {}", dir.display());
        check(&dir.join("model.onnx"), &dir);
        check(&path, &dir);
        checked += 1;
    }
    assert!(checked > 0, "no export/mecomp-embed-<tag>.onnx");
}
