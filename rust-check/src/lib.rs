//! The mecomp-embed ONNX model in pure Rust: burn's ONNX import (code generated at build time by `build.rs`)
//! on the ndarray CPU backend, with nothing downloaded or linked from outside crates.io.
//!
//! It exists to check that what MECOMP loads computes what the Java tool computed (`tests/golden.rs`), and
//! to time it (a benchmark can reuse [`Embedder`]).
#![forbid(unsafe_code)]

use burn::prelude::*;
use burn::tensor::TensorData;

/// The code burn-onnx generated from the ONNX file.
#[allow(clippy::all, unused, missing_docs)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/model/embedding.rs"));
}

include!(concat!(env!("OUT_DIR"), "/run_model.rs"));

/// The ONNX file this crate was compiled from (a copy in the build folder), for what its
/// `metadata_props` say (the window rule of a sweep model, for instance).
pub const COMPILED_MODEL: &str = env!("MECOMP_MODEL_COMPILED");

/// The log-mel spectrogram the model computed for its K window slots: `values` in row-major
/// `[slots][frames][bands]` order. Only present when the model has the `log_mel` debug output (the
/// golden-fixture model has it, the shipped one does not).
#[derive(Debug, Clone)]
pub struct LogMel {
    /// Window slots K (the model's sequence length; slots past K' repeat the last window), frames, bands.
    pub shape: [usize; 3],
    pub values: Vec<f32>,
}

impl LogMel {
    /// The first `slots` slots, flattened row-major.
    pub fn slots(&self, slots: usize) -> &[f32] {
        let per_slot = self.shape[1] * self.shape[2];
        &self.values[..slots.min(self.shape[0]) * per_slot]
    }
}

/// One song's outputs.
#[derive(Debug, Clone)]
pub struct Output {
    pub embedding: Vec<f32>,
    pub log_mel: Option<LogMel>,
}

/// The model with its weights loaded on the ndarray CPU device; build it once and reuse it.
pub struct Embedder {
    model: generated::Model,
    device: Device,
}

impl Default for Embedder {
    fn default() -> Self {
        Self::new()
    }
}

impl Embedder {
    /// The model `build.rs` generated, with the weights record it wrote next to the code.
    pub fn new() -> Self {
        let device = Device::default();
        let model = generated::Model::default();
        Self { model, device }
    }

    /// The embedding of one song: `samples` are mono float32 at 22,050 Hz, the whole song.
    ///
    /// # Panics
    /// If `samples` is empty: the model needs at least one sample (a song shorter than a window is
    /// zero-padded to one window, an empty one has nothing to pad).
    pub fn embed(&self, samples: &[f32]) -> Vec<f32> {
        self.run(samples).embedding
    }

    /// The embedding and, when the model has that output, the log-mel of its window slots.
    ///
    /// # Panics
    /// If `samples` is empty (see [`Embedder::embed`]).
    pub fn run(&self, samples: &[f32]) -> Output {
        assert!(!samples.is_empty(), "rust-check: embed needs at least one sample, got an empty song");
        let audio = Tensor::<2>::from_data(TensorData::new(samples.to_vec(), [1, samples.len()]), &self.device);
        let (embedding, log_mel) = run_model(&self.model, audio);
        let log_mel = log_mel.map(|m| {
            let [_, k, f, b] = m.dims();
            LogMel { shape: [k, f, b], values: floats(m) }
        });
        Output { embedding: floats(embedding), log_mel }
    }
}

fn floats<const D: usize>(t: Tensor<D>) -> Vec<f32> {
    t.into_data()
        .convert::<f32>()
        .try_to_vec::<f32>()
        .expect("a float tensor converts to f32")
}

thread_local! {
    static EMBEDDER: Embedder = Embedder::new();
}

/// The embedding of one song (B = 1) with a model loaded once per thread. See [`Embedder::embed`].
pub fn embed(samples: &[f32]) -> Vec<f32> {
    EMBEDDER.with(|e| e.embed(samples))
}
