//! Diagnostic: the model step alone, on one thread: median time of one embedding of a K-window input
//! (what the seek mode feeds the model), for comparing runtimes and profiling with `perf record`.
//! `cargo run --release --features model --example embed_time -- [runs]` (burn, model compiled in)
//! `cargo run --release --features tract --example embed_time -- [runs] model.onnx` (tract)
use mecomp_embed_bench::embed::Embedder;
use std::time::Instant;

#[allow(unused_variables, unreachable_code)]
fn embedder(pool: &rayon::ThreadPool, onnx: Option<String>) -> Box<dyn Embedder> {
    if let Some(path) = onnx {
        #[cfg(feature = "tract")]
        return Box::new(mecomp_embed_bench::embed::TractModel::load(path.as_ref()).unwrap_or_else(|e| panic!("{e}")));
        panic!("a model file needs the `tract` feature");
    }
    #[cfg(feature = "model")]
    return Box::new(mecomp_embed_bench::embed::RustCheckModel::load(pool).unwrap_or_else(|e| panic!("{e}")));
    panic!("no model: build with --features model, or --features tract and give an ONNX file");
}

fn main() {
    let mut args = std::env::args().skip(1);
    let runs: usize = args.next().map_or(15, |s| s.parse().expect("runs: a number"));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let model = embedder(&pool, args.next());
    // deterministic noise, quiet enough not to clip
    let mut s = 1u32;
    let rule = model.window_rule();
    let x: Vec<f32> = (0..rule.k * rule.samples)
        .map(|_| {
            s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            ((s >> 8) as f32 / (1u32 << 24) as f32 - 0.5) * 0.5
        })
        .collect();
    let mut ms: Vec<f64> = pool.install(|| {
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                model.embed(&x).unwrap();
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect()
    });
    ms.sort_by(|a, b| a.total_cmp(b));
    println!("{}: {runs} runs of one {}-window song ({rule}), median {:.2} ms, min {:.2} ms", model.describe(), rule.k, ms[runs / 2], ms[0]);
}
