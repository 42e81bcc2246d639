//! The model step behind a small trait, so the scan is written once whatever runs the model.

/// Something that turns a song's mono 22,050 Hz samples into one embedding vector, the exported
/// model's contract (input `audio` [1, N], output `embedding` [1, D]). Shared by the scan threads.
pub trait Embedder: Sync {
    /// What runs the model, for the printed report.
    fn describe(&self) -> String;
    fn embed(&self, samples: &[f32]) -> Result<Vec<f32>, String>;
}

/// The exported model compiled into `rust-check` (burn's ONNX import, ndarray backend), one copy per
/// thread (`mecomp_embed_check::embed` caches it thread-locally).
#[cfg(feature = "model")]
pub struct RustCheckModel;

#[cfg(feature = "model")]
impl RustCheckModel {
    /// Loads the model on each thread of `pool` now, so that loading is not timed as embedding.
    pub fn load(pool: &rayon::ThreadPool) -> Self {
        pool.broadcast(|_| mecomp_embed_check::embed(&[0.0f32; crate::WINDOW]));
        RustCheckModel
    }
}

#[cfg(feature = "model")]
impl Embedder for RustCheckModel {
    fn describe(&self) -> String {
        "rust-check (burn ONNX import, ndarray backend)".to_string()
    }

    fn embed(&self, samples: &[f32]) -> Result<Vec<f32>, String> {
        if samples.is_empty() {
            return Err("no samples".to_string());
        }
        Ok(mecomp_embed_check::embed(samples))
    }
}
