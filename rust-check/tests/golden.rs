//! Burn's import of the exported model against the Java tool's golden fixtures (`../fixtures/golden/`,
//! format in that folder's README): every case's embedding, and the log-mel of its selected windows when
//! the model has the `log_mel` output, must match to the fixtures' tolerance, never looser than 1e-4 for the
//! embedding and 2e-3 for the log-mel (the graph's float32 DFT moves the log of a loud sine's quietest bands
//! by up to 1.2e-3 against the Java front-end's float64).
//!
//! `MECOMP_GOLDEN_DIR` points at another fixture set; it must hold the same model.onnx that `build.rs`
//! compiled (`MECOMP_ONNX_MODEL`).

use std::fs;
use std::path::{Path, PathBuf};

use mecomp_embed_check::Embedder;
use serde_json::Value;

/// The loosest tolerances the check accepts, whatever index.json says.
const MAX_EMBEDDING_TOLERANCE: f32 = 1e-4;
const MAX_LOG_MEL_TOLERANCE: f32 = 2e-3;

fn golden_dir() -> PathBuf {
    match std::env::var_os("MECOMP_GOLDEN_DIR") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/golden"),
    }
}

fn index(dir: &Path) -> Value {
    let path = dir.join("index.json");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("golden: cannot read {}: {e}", path.display()));
    let v: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("golden: {} is not JSON: {e}", path.display()));
    assert_eq!(v["format"], "mecomp-embed-golden", "golden: {} has format {}, expected mecomp-embed-golden", path.display(), v["format"]);
    assert_eq!(v["version"], 1, "golden: {} has version {}, this check reads version 1", path.display(), v["version"]);
    v
}

fn field<'a>(v: &'a Value, name: &str, what: &str) -> &'a Value {
    let f = &v[name];
    assert!(!f.is_null(), "golden: {what} has no field '{name}'");
    f
}

fn usize_of(v: &Value, name: &str, what: &str) -> usize {
    field(v, name, what).as_u64().unwrap_or_else(|| panic!("golden: {what}.{name} is not a count: {}", v[name])) as usize
}

fn str_of<'a>(v: &'a Value, name: &str, what: &str) -> &'a str {
    field(v, name, what).as_str().unwrap_or_else(|| panic!("golden: {what}.{name} is not a string: {}", v[name]))
}

/// Numbers are written as shortest round-trip floats: parse as f64, cast to f32.
fn f32s(v: &Value, name: &str, what: &str) -> Vec<f32> {
    field(v, name, what)
        .as_array()
        .unwrap_or_else(|| panic!("golden: {what}.{name} is not an array"))
        .iter()
        .map(|x| x.as_f64().unwrap_or_else(|| panic!("golden: {what}.{name} holds a non-number {x}")) as f32)
        .collect()
}

/// A raw little-endian float32 file of exactly `count` values.
fn read_f32(path: &Path, count: usize) -> Vec<f32> {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("golden: cannot read {}: {e}", path.display()));
    assert_eq!(bytes.len(), 4 * count, "golden: {} has {} bytes, index.json says {count} float32 values ({} bytes)",
        path.display(), bytes.len(), 4 * count);
    bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
}

/// Largest absolute difference, or None if the lengths differ or a value is not finite.
fn max_abs_diff(got: &[f32], want: &[f32]) -> Option<f32> {
    if got.len() != want.len() {
        return None;
    }
    got.iter().zip(want).try_fold(0f32, |m, (a, b)| {
        let d = (a - b).abs();
        d.is_finite().then_some(m.max(d))
    })
}

/// "ok"/the failure line for one comparison.
fn check(case: &str, what: &str, got: &[f32], want: &[f32], tolerance: f32) -> Result<f32, String> {
    match max_abs_diff(got, want) {
        Some(d) if d <= tolerance => Ok(d),
        Some(d) => Err(format!("{case}: {what} max abs diff {d:.3e} > {tolerance:.0e}")),
        None => Err(format!("{case}: {what} has {} values (or a non-finite one), the Java tool wrote {}", got.len(), want.len())),
    }
}

fn tolerance(index: &Value, name: &str, loosest: f32) -> f32 {
    index["tolerance"][name].as_f64().map_or(loosest, |t| (t as f32).min(loosest))
}

#[test]
fn burn_reproduces_the_java_golden_fixtures() {
    let dir = golden_dir();
    let index = index(&dir);
    let model_info = field(&index, "model", "index.json");
    let compiled = Path::new(env!("MECOMP_MODEL_COMPILED"));
    let golden_model = dir.join(str_of(model_info, "file", "model"));
    assert!(
        fs::read(compiled).ok() == fs::read(&golden_model).ok(),
        "golden: the fixtures in {} are for {}, but the crate was built from {}; set MECOMP_ONNX_MODEL and \
         MECOMP_GOLDEN_DIR to the same set",
        dir.display(), golden_model.display(), compiled.display()
    );
    let embedding_size = usize_of(model_info, "embeddingSize", "model");
    let (tol_embedding, tol_log_mel) = (
        tolerance(&index, "embedding", MAX_EMBEDDING_TOLERANCE),
        tolerance(&index, "logMel", MAX_LOG_MEL_TOLERANCE),
    );
    let cases = field(&index, "cases", "index.json").as_array().expect("golden: cases is not an array");
    assert!(!cases.is_empty(), "golden: {} lists no cases", dir.display());

    let embedder = Embedder::new();
    let mut failures = Vec::new();
    let mut compared_log_mel = 0;
    for case in cases {
        let name = str_of(case, "name", "case");
        let what = format!("case {name}");
        let samples = read_f32(&dir.join(str_of(case, "samples", &what)), usize_of(case, "sampleCount", &what));
        let want = f32s(case, "embedding", &what);
        assert_eq!(want.len(), embedding_size, "golden: {what} has {} embedding values, model.embeddingSize is {embedding_size}", want.len());

        let started = std::time::Instant::now();
        let out = embedder.run(&samples);
        let elapsed = started.elapsed();
        let mut line = format!("{name:>12}: N={:>7} in {:>6.0} ms", samples.len(), elapsed.as_secs_f64() * 1e3);
        match check(name, "embedding", &out.embedding, &want, tol_embedding) {
            Ok(d) => line += &format!("  embedding max|diff| {d:.2e}"),
            Err(e) => {
                line += "  embedding DIFFERS";
                failures.push(e)
            }
        }
        if let (Some(mel), Some(file)) = (&out.log_mel, case["logMel"].as_str()) {
            let shape: Vec<usize> = field(case, "logMelShape", &what).as_array().expect("logMelShape is an array")
                .iter().map(|x| x.as_u64().expect("logMelShape holds counts") as usize).collect();
            assert_eq!(shape.len(), 3, "golden: {what}.logMelShape must be [K', frames, bands], got {shape:?}");
            assert_eq!(&shape[1..], &mel.shape[1..], "golden: {what} log-mel frames x bands differ from the model's");
            let want_mel = read_f32(&dir.join(file), shape.iter().product());
            // slots past K' repeat the last window and are not compared
            match check(name, "log-mel", mel.slots(shape[0]), &want_mel, tol_log_mel) {
                Ok(d) => line += &format!("  log-mel ({} windows) max|diff| {d:.2e}", shape[0]),
                Err(e) => {
                    line += "  log-mel DIFFERS";
                    failures.push(e)
                }
            }
            compared_log_mel += 1;
        }
        println!("{line}");
    }
    println!("{} cases, {compared_log_mel} with log-mel, tolerance embedding {tol_embedding:.0e}, log-mel {tol_log_mel:.0e}", cases.len());
    assert!(failures.is_empty(), "burn's output differs from the Java golden fixtures in {}:\n{}", dir.display(), failures.join("\n"));
}

#[test]
fn comparison_flags_a_difference_just_over_the_tolerance() {
    let want = vec![0.25f32, -0.5, 0.125];
    let mut got = want.clone();
    assert!(check("x", "embedding", &got, &want, 1e-4).is_ok());
    got[1] += 2e-4;
    assert!(check("x", "embedding", &got, &want, 1e-4).is_err());
    got[1] = f32::NAN;
    assert!(check("x", "embedding", &got, &want, 1e-4).is_err());
    assert!(check("x", "embedding", &want[..2], &want, 1e-4).is_err());
}

#[test]
#[should_panic(expected = "empty song")]
fn an_empty_song_is_refused_with_a_message() {
    Embedder::new().embed(&[]);
}
