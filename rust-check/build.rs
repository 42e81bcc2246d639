//! Turns the exported ONNX model into Rust code and a weights record with burn-onnx, at build time.
//!
//! The model is `../fixtures/golden/model.onnx` (the golden-fixture model, which has the `log_mel` debug
//! output besides `embedding`), or the file named by `MECOMP_ONNX_MODEL`. The generated `forward` returns
//! one tensor or a tuple depending on the model's outputs, so a small adapter, `run_model`, is generated
//! beside it that always gives (embedding, optional log-mel).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

const MODEL_ENV: &str = "MECOMP_ONNX_MODEL";
const DEFAULT_MODEL: &str = "../fixtures/golden/model.onnx";

fn main() {
    println!("cargo:rerun-if-env-changed={MODEL_ENV}");
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let model = match env::var_os(MODEL_ENV) {
        Some(p) => PathBuf::from(p),
        None => manifest.join(DEFAULT_MODEL),
    };
    println!("cargo:rerun-if-changed={}", model.display());
    if !model.is_file() {
        panic!(
            "rust-check: no ONNX model at {}; write the golden fixtures with \
             `java -jar mecomp-embed.jar fixtures --out fixtures/golden` or point {MODEL_ENV} at an exported model",
            model.display()
        );
    }

    // A fixed file name, so the generated module is always `embedding.rs` whatever the input was called.
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let staged = out.join("onnx").join("embedding.onnx");
    fs::create_dir_all(staged.parent().unwrap()).unwrap();
    fs::copy(&model, &staged)
        .unwrap_or_else(|e| panic!("rust-check: cannot copy {} to {}: {e}", model.display(), staged.display()));

    burn_onnx::ModelGen::new()
        .input(staged.to_str().expect("OUT_DIR is valid UTF-8"))
        .out_dir("model/")
        .run_from_script();

    // the tests check that the golden fixtures were written for this very file
    println!("cargo:rustc-env=MECOMP_MODEL_COMPILED={}", staged.display());

    let generated = out.join("model").join("embedding.rs");
    let code = fs::read_to_string(&generated)
        .unwrap_or_else(|e| panic!("rust-check: burn-onnx wrote no {}: {e}", generated.display()));
    fs::write(out.join("run_model.rs"), adapter(&code, &model)).unwrap();
}

/// `run_model(&Model, audio [B, N]) -> (embedding [B, D], Option<log-mel [B, K, F, M]>)` for the generated
/// `forward`, whose return type follows the model's outputs (in graph order).
fn adapter(code: &str, model: &Path) -> String {
    // Large graphs are split into `Submodule<n>` structs with forwards of their own: take `Model`'s.
    let sig = code
        .match_indices("impl Model {")
        .filter_map(|(at, _)| {
            let block = &code[at..];
            let end = block[1..].find("\nimpl ").map_or(block.len(), |e| e + 1);
            let start = block[..end].find("pub fn forward(")?;
            let sig = &block[start..];
            Some(&sig[..sig.find('{').unwrap_or(sig.len())])
        })
        .next()
        .unwrap_or_else(|| panic!("rust-check: no Model::forward in the code generated from {}", model.display()));
    // rustfmt breaks long signatures over lines: compare without whitespace or trailing commas
    let flat: String = sig.chars().filter(|c| !c.is_whitespace()).collect::<String>().replace(",)", ")");
    let (params, ret) = flat.split_once("->").unwrap_or((&flat, ""));
    if params != "pubfnforward(&self,audio:Tensor<2>)" {
        panic!(
            "rust-check: {} must have one input `audio` float32 [B, N]; burn generated `{}`",
            model.display(),
            sig.trim()
        );
    }
    let body = match ret {
        "Tensor<2>" => "(model.forward(audio), None)",
        "(Tensor<2>,Tensor<4>)" => "{ let (e, m) = model.forward(audio); (e, Some(m)) }",
        "(Tensor<4>,Tensor<2>)" => "{ let (m, e) = model.forward(audio); (e, Some(m)) }",
        other => panic!(
            "rust-check: {} must output `embedding` [B, D] and optionally `log_mel` [B, K, F, M]; \
             burn generated a forward returning `{other}`",
            model.display()
        ),
    };
    format!(
        "/// The model's outputs as (embedding [B, D], log-mel [B, K, frames, bands] if the model has it).\n\
         fn run_model(model: &generated::Model, audio: Tensor<2>) -> (Tensor<2>, Option<Tensor<4>>) {{\n    {body}\n}}\n"
    )
}
