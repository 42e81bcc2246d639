//! The model step behind a small trait, so the scan is written once whatever runs the model.

use crate::windows::WindowRule;

/// Something that turns a song's mono 22,050 Hz samples into one embedding vector, the exported
/// model's contract (input `audio` [1, N], output `embedding` [1, D]). Shared by the scan threads.
pub trait Embedder: Sync {
    /// What runs the model, for the printed report.
    fn describe(&self) -> String;
    /// Which windows the model reads, from its metadata.
    fn window_rule(&self) -> WindowRule;
    fn embed(&self, samples: &[f32]) -> Result<Vec<f32>, String>;
}

/// The exported model compiled into `rust-check` (burn's ONNX import, ndarray backend), one copy per
/// thread (`mecomp_embed_check::embed` caches it thread-locally).
#[cfg(feature = "model")]
pub struct RustCheckModel {
    rule: WindowRule,
}

#[cfg(feature = "model")]
impl RustCheckModel {
    /// Loads the model on each thread of `pool` now, so that loading is not timed as embedding.
    pub fn load(pool: &rayon::ThreadPool) -> Result<Self, String> {
        let rule = WindowRule::of_onnx_file(std::path::Path::new(mecomp_embed_check::COMPILED_MODEL))
            .map_err(|e| format!("the model compiled in: {e}"))?;
        pool.broadcast(|_| mecomp_embed_check::embed(&vec![0.0f32; rule.samples]));
        Ok(RustCheckModel { rule })
    }
}

#[cfg(feature = "model")]
impl Embedder for RustCheckModel {
    fn describe(&self) -> String {
        "rust-check (burn ONNX import, ndarray backend)".to_string()
    }

    fn window_rule(&self) -> WindowRule {
        self.rule
    }

    fn embed(&self, samples: &[f32]) -> Result<Vec<f32>, String> {
        if samples.is_empty() {
            return Err("no samples".to_string());
        }
        Ok(mecomp_embed_check::embed(samples))
    }
}

/// What the graph reads of a song of `len` samples: the indices of the windows it uses. The graph only
/// looks at W = max(1, N div window) whole windows (a song shorter than a window is zero-padded to one)
/// and takes them all when W <= K, else K of them by the selection rule; so the selected windows,
/// concatenated (W' = K, selection = identity), give the very same output as the whole song. That is
/// what the seek mode feeds the model anyway.
pub fn model_windows(len: usize, rule: WindowRule) -> Vec<usize> {
    crate::windows::select(rule.window_count(len), rule.k)
}

/// The samples the graph reads of `samples`, as [`model_windows`] says: the selected windows
/// concatenated, the last one zero-padded when the song is shorter than a window.
pub fn model_input(samples: &[f32], rule: WindowRule) -> Vec<f32> {
    let n = rule.samples;
    let sel = model_windows(samples.len(), rule);
    if sel.len() * n == samples.len() {
        return samples.to_vec();
    }
    let mut out = vec![0.0f32; sel.len() * n];
    for (slot, &i) in sel.iter().enumerate() {
        let src = &samples[(i * n).min(samples.len())..((i + 1) * n).min(samples.len())];
        out[slot * n..slot * n + src.len()].copy_from_slice(src);
    }
    out
}

/// The exported ONNX file run by tract (pure Rust, `tract-onnx`, optimised f32 kernels), read at run
/// time. tract optimises a graph for concrete shapes (this graph's data-dependent Slices do not survive
/// its symbolic-shape path), so the model gets the W' <= K windows it reads ([`model_input`]: the same
/// output) and one optimised plan per W' is kept, built on first use (~50 ms each; W' = K, what every
/// song over 30 s gives, is built at load).
#[cfg(feature = "tract")]
pub struct TractModel {
    path: std::path::PathBuf,
    rule: WindowRule,
    onnx: tract_onnx::prelude::InferenceModel,
    output: usize,
    plans: std::sync::Mutex<std::collections::HashMap<usize, std::sync::Arc<tract_onnx::prelude::TypedSimplePlan>>>,
}

#[cfg(feature = "tract")]
impl TractModel {
    /// Reads `path` and its window rule, and builds the plan for K windows.
    pub fn load(path: &std::path::Path) -> Result<Self, String> {
        use tract_onnx::prelude::*;
        let rule = WindowRule::of_onnx_file(path)?;
        let what = |e: TractError| format!("{}: tract: {e:#}", path.display());
        let onnx = tract_onnx::onnx().model_for_path(path).map_err(what)?;
        let output = onnx
            .output_outlets()
            .map_err(what)?
            .iter()
            .position(|o| onnx.outlet_label(*o) == Some("embedding"))
            .ok_or(format!("{}: no output named 'embedding' (MECOMP's contract)", path.display()))?;
        let m = TractModel { path: path.to_path_buf(), rule, onnx, output, plans: Default::default() };
        m.plan(rule.k)?;
        Ok(m)
    }

    fn plan(&self, windows: usize) -> Result<std::sync::Arc<tract_onnx::prelude::TypedSimplePlan>, String> {
        use tract_onnx::prelude::*;
        if let Some(p) = self.plans.lock().unwrap().get(&windows) {
            return Ok(p.clone());
        }
        let n = windows * self.rule.samples;
        let plan = self
            .onnx
            .clone()
            .with_input_fact(0, f32::fact([1, n]).into())
            .and_then(|m| m.into_optimized())
            .and_then(|m| m.into_runnable())
            .map_err(|e| format!("{}: tract cannot optimise the graph for [1, {n}]: {e:#}", self.path.display()))?;
        Ok(self.plans.lock().unwrap().entry(windows).or_insert(plan).clone())
    }
}

#[cfg(feature = "tract")]
impl Embedder for TractModel {
    fn describe(&self) -> String {
        format!("tract-onnx 0.23 ({}), one plan per window count", self.path.display())
    }

    fn window_rule(&self) -> WindowRule {
        self.rule
    }

    fn embed(&self, samples: &[f32]) -> Result<Vec<f32>, String> {
        use tract_onnx::prelude::*;
        if samples.is_empty() {
            return Err("no samples".to_string());
        }
        let input = model_input(samples, self.rule);
        let plan = self.plan(input.len() / self.rule.samples)?;
        let tensor = Tensor::from_shape(&[1, input.len()], &input).map_err(|e| format!("tract: {e:#}"))?;
        let out = plan.run(tvec!(tensor.into())).map_err(|e| format!("tract: {e:#}"))?;
        let v = out[self.output].to_plain_array_view::<f32>().map_err(|e| format!("tract: {e:#}"))?;
        Ok(v.iter().copied().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WINDOW;

    const V1: WindowRule = WindowRule { samples: WINDOW, k: 30 };

    #[test]
    fn model_input_keeps_what_the_graph_reads() {
        // shorter than a window: zero-padded to one
        let s: Vec<f32> = (0..100).map(|i| i as f32).collect();
        let m = model_input(&s, V1);
        assert_eq!(m.len(), WINDOW);
        assert_eq!(&m[..100], &s[..]);
        assert!(m[100..].iter().all(|&x| x == 0.0));
        // 2.5 windows: the half window at the end is never read
        let s: Vec<f32> = (0..WINDOW * 5 / 2).map(|i| i as f32).collect();
        assert_eq!(model_input(&s, V1), s[..2 * WINDOW].to_vec());
        // 40 windows, K = 30: the selected windows, in order
        let s: Vec<f32> = (0..40 * WINDOW).map(|i| (i / WINDOW) as f32).collect();
        let m = model_input(&s, V1);
        assert_eq!(m.len(), 30 * WINDOW);
        let firsts: Vec<usize> = (0..30).map(|slot| m[slot * WINDOW] as usize).collect();
        assert_eq!(firsts, crate::windows::select(40, 30));
        // half-second windows, K = 4: 10 windows in 5 s, windows 0, 3, 6, 9 of 11,025 samples
        let half = WindowRule { samples: WINDOW / 2, k: 4 };
        let s: Vec<f32> = (0..5 * WINDOW).map(|i| (i / (WINDOW / 2)) as f32).collect();
        let m = model_input(&s, half);
        assert_eq!(m.len(), 4 * WINDOW / 2);
        let firsts: Vec<usize> = (0..4).map(|slot| m[slot * WINDOW / 2] as usize).collect();
        assert_eq!(firsts, vec![0, 3, 6, 9]);
    }
}
