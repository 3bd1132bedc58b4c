//! Run-time benches: the derive against the hand-written, `Value`-based and floor baselines,
//! each document's sides in one criterion group so their medians come from the same run.
//!
//! `cargo bench -p graph-bench` (all), `cargo bench -p graph-bench -- ndes/` (one document).
//! Results: `target/criterion/`; see `BENCHMARKS.md` for the method and `scripts/bench_table.py`
//! for the median ratios.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use graph_bench::workload::{Document, Side, Workload};
use graph_bench::{CreateInputs, SHORT_TOKEN, list_fixture, long_token, ndes_fixture, windows10_fixture};

fn document(c: &mut Criterion, name: &str, fixture: &dyn Document, measurement: Duration, samples: usize) {
    let bytes = fixture.json().len() as u64;
    let mut group = c.benchmark_group(format!("{name}/serialize"));
    group
        .throughput(Throughput::Bytes(bytes))
        .measurement_time(measurement)
        .warm_up_time(Duration::from_secs(1))
        .sample_size(samples);
    let mut out = Vec::with_capacity(fixture.json().len() * 2);
    for side in Side::ALL {
        group
            .bench_function(BenchmarkId::from_parameter(side.name()), |b| b.iter(|| fixture.serialize(side, &mut out)));
    }
    group.finish();

    let mut group = c.benchmark_group(format!("{name}/deserialize"));
    group
        .throughput(Throughput::Bytes(bytes))
        .measurement_time(measurement)
        .warm_up_time(Duration::from_secs(1))
        .sample_size(samples);
    for side in Side::ALL {
        group.bench_function(BenchmarkId::from_parameter(side.name()), |b| b.iter(|| fixture.deserialize(side)));
    }
    group.finish();
}

fn documents(c: &mut Criterion) {
    let three = Duration::from_secs(3);
    document(c, "ndes", &ndes_fixture(), three, 50);
    document(c, "windows10", &windows10_fixture(), three, 50);
    document(c, "list10k", &list_fixture(), three, 30);
}

fn create_request(c: &mut Criterion) {
    let short = CreateInputs::new(SHORT_TOKEN);
    let long = CreateInputs::new(&long_token());
    let mut group = c.benchmark_group("ndes/create");
    group.measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1)).sample_size(50);
    group.bench_function("to-vec", |b| b.iter(|| black_box(short.body_to_vec())));
    group.bench_function("builder", |b| b.iter(|| black_box(short.build())));
    group.bench_function("to-http", |b| b.iter(|| black_box(short.build_http())));
    group.bench_function("to-http-long-token", |b| b.iter(|| black_box(long.build_http())));
    for step in ["to-vec-presized", "to-vec-http"] {
        let mut workload = Workload::new(&format!("ndes-create-{step}")).expect("a workload");
        group.bench_function(step, |b| b.iter(|| workload.run(1)));
    }
    group.finish();
}

/// The shapes of `graph_bench::shapes`, each group's members in one run: `group` and its workloads.
fn shapes(c: &mut Criterion) {
    let groups: [(&str, &[&str]); 6] = [
        (
            "unknown/deserialize",
            &[
                "unknown0-deserialize-derive",
                "unknown0-deserialize-flatten",
                "unknown100-deserialize-derive",
                "unknown100-deserialize-flatten",
                "unknown10000-deserialize-derive",
                "unknown10000-deserialize-flatten",
            ],
        ),
        ("any/windows10", &["any-windows10-direct", "any-windows10-first", "any-windows10-last"]),
        ("any/ios", &["any-ios-direct", "any-ios-first", "any-ios-last"]),
        ("stringdates/serialize", &["stringdates-serialize-manual", "stringdates-serialize-derive"]),
        ("stringdates/deserialize", &["stringdates-deserialize-manual", "stringdates-deserialize-derive"]),
        ("datetime", &["datetime-serialize", "datetime-deserialize"]),
    ];
    for (name, workloads) in groups {
        let mut group = c.benchmark_group(name);
        group.measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1)).sample_size(30);
        for workload in workloads {
            let mut step = Workload::new(workload).expect("a workload");
            group.bench_function(*workload, |b| b.iter(|| step.run(1)));
        }
        group.finish();
    }
}

criterion_group!(benches, documents, create_request, shapes);
criterion_main!(benches);
