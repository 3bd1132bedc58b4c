//! Runs one bench workload a fixed number of times, for instruction counts under callgrind:
//!
//! ```sh
//! cargo build --release -p graph-bench --bin callgrind_serde
//! valgrind --tool=callgrind --toggle-collect='*Workload*run*' \
//!     --callgrind-out-file=target/callgrind/ndes-serialize-derive.out \
//!     target/release/callgrind_serde ndes-serialize-derive 10000
//! ```
//!
//! `--toggle-collect` counts only the loop, not building the inputs; divide the total `Ir` by the
//! iterations. `callgrind_serde list` prints the workload names.

use std::process::ExitCode;
use std::time::Instant;

use graph_bench::workload::{NAMES, Workload};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(name), iterations) = (args.next(), args.next()) else {
        eprintln!("usage: callgrind_serde <workload|list> [iterations]");
        return ExitCode::FAILURE;
    };
    if name == "list" {
        NAMES.iter().for_each(|name| println!("{name}"));
        return ExitCode::SUCCESS;
    }
    let iterations: u64 = match iterations.as_deref().map(str::parse).unwrap_or(Ok(1_000)) {
        Ok(iterations) => iterations,
        Err(error) => {
            eprintln!("iterations: {error}");
            return ExitCode::FAILURE;
        }
    };
    let Some(mut workload) = Workload::new(&name) else {
        eprintln!("unknown workload `{name}`; `callgrind_serde list` prints the names");
        return ExitCode::FAILURE;
    };
    let start = Instant::now();
    workload.run(iterations);
    let elapsed = start.elapsed();
    eprintln!(
        "{name}: {iterations} iterations in {elapsed:.2?} ({:.1} ns each)",
        elapsed.as_nanos() as f64 / iterations.max(1) as f64
    );
    ExitCode::SUCCESS
}
