//! The model step behind a small trait, so the scan is written once whatever runs the model.

/// Something that turns a song's mono 22,050 Hz samples into one embedding vector, the exported
/// model's contract (input `audio` [1, N], output `embedding` [1, D]). Shared by the scan threads.
pub trait Embedder: Sync {
    /// What runs the model, for the printed report.
    fn describe(&self) -> String;
    fn embed(&self, samples: &[f32]) -> Result<Vec<f32>, String>;
}

/// The exported model compiled in by `rust-check` (burn's ONNX import, ndarray backend).
#[cfg(feature = "model")]
pub struct RustCheckModel;

#[cfg(feature = "model")]
impl Embedder for RustCheckModel {
    fn describe(&self) -> String {
        "rust-check (burn ONNX import, ndarray backend)".to_string()
    }

    fn embed(&self, samples: &[f32]) -> Result<Vec<f32>, String> {
        Ok(rust_check::embed(samples))
    }
}
