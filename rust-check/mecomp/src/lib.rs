//! Helpers shared by the client test (`tests/client.rs`) and the library-scan benchmark (`src/bin/scan.rs`):
//! where the repository's models and fixtures are, the Java embeddings CSV, and vector comparisons.

pub mod windows;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The repository root (this crate lives in `rust-check/mecomp/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `*.onnx` in `export/`, sorted by name.
pub fn exported_models() -> Vec<PathBuf> {
    let dir = repo_root().join("export");
    let mut models: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "onnx"))
        .collect();
    models.sort();
    models
}

/// `v1` for `export/mecomp-embed-v1.onnx`: the name that ties a model to its fixtures; None for other files.
pub fn model_tag(model: &Path) -> Option<String> {
    let name = model.file_name()?.to_str()?;
    Some(name.strip_prefix("mecomp-embed-")?.strip_suffix(".onnx")?.to_owned())
}

/// The Java `embed` command's numbers for `fixtures/mecomp-client` with the model tagged `tag`.
pub fn java_embeddings_file(fixtures: &Path, tag: &str) -> PathBuf {
    fixtures.join(format!("java-embeddings-{tag}.csv"))
}

/// An embeddings CSV written by the Java tool's `embed` command: `clip_id,e0,...,e31`, keyed by `clip_id`.
pub fn read_embeddings_csv(file: &Path) -> BTreeMap<String, Vec<f32>> {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_else(|| panic!("{} is empty: expected a clip_id,e0,... header", file.display()));
    assert!(header.starts_with("clip_id,"), "{}: the header should start with clip_id, got {header}", file.display());
    lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut fields = line.split(',');
            let id = fields.next().expect("a clip_id").to_owned();
            let values = fields
                .map(|v| v.trim().parse::<f32>().unwrap_or_else(|e| panic!("{}: row {id}: {v:?} is not a number: {e}", file.display())))
                .collect();
            (id, values)
        })
        .collect()
}

pub fn max_abs_diff(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len(), "vectors of different sizes");
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max)
}

pub fn cosine(a: &[f32], b: &[f32]) -> f64 {
    assert_eq!(a.len(), b.len(), "vectors of different sizes");
    let dot: f64 = a.iter().zip(b).map(|(x, y)| f64::from(*x) * f64::from(*y)).sum();
    let norm = |v: &[f32]| v.iter().map(|x| f64::from(*x).powi(2)).sum::<f64>().sqrt();
    dot / (norm(a) * norm(b))
}

pub fn norm(v: &[f32]) -> f64 {
    v.iter().map(|x| f64::from(*x).powi(2)).sum::<f64>().sqrt()
}
