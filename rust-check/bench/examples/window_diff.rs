//! Diagnostic: for each file, the windows the model uses from the whole-song decode and from the window
//! decoder (skip mode), and which of them differ and where.
//! `cargo run --release --example window_diff -- FILE...`
use mecomp_embed_bench::decode::*;
use mecomp_embed_bench::*;
fn main() {
    for path in std::env::args().skip(1) {
        let p = std::path::Path::new(&path);
        let whole = decode_whole(p).unwrap();
        let w = decode_windows(p, windows::WindowRule::default(), Margin::default(), Reach::Skip).unwrap();
        if w.whole { continue; }
        let sel = windows::select(whole.len() / WINDOW, MAX_WINDOWS);
        let mut bad = vec![];
        for (slot, &i) in sel.iter().enumerate() {
            let a = &whole[i * WINDOW..(i + 1) * WINDOW];
            let b = &w.samples[slot * WINDOW..(slot + 1) * WINDOW];
            let d = stats::max_abs_diff(a, b);
            if d > 0.0 {
                let first = a.iter().zip(b).position(|(x, y)| x != y).unwrap();
                let last = a.iter().zip(b).rposition(|(x, y)| x != y).unwrap();
                bad.push(format!("slot {slot} win {i} diff {d:.3e} samples {first}..{last}"));
            }
        }
        println!("{path}: W {} rate {} errors {}: {} windows differ {:?}", whole.len() / WINDOW, w.rate, w.decode_errors, bad.len(), bad);
    }
}
