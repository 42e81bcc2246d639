//! Binaries and tests find libonnxruntime.so.1 in .ort/ at run time through an rpath, with no LD_LIBRARY_PATH.
fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".ort");
    if !dir.join("libonnxruntime.so.1").exists() {
        println!(
            "cargo:warning=no ONNX Runtime in {}: run ./setup-ort.sh first (it fetches PyPI's onnxruntime 1.31.1 wheel)",
            dir.display()
        );
    }
    println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir.display());
    println!("cargo:rerun-if-changed=.ort");
}
