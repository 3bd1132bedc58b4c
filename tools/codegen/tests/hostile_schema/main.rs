//! The generator on hostile schema files: a seeded campaign of malformed and adversarial
//! CSDL documents — mutations of the real schemas and of small hand-made documents, and
//! generated huge, deep and explosive ones. For each, reading, selecting and generating
//! into a scratch crate (through `cli::generate`) either succeeds or fails with a message
//! naming the file, a line and an element: never a panic, and never a file touched outside
//! `--out` (whose `src/` holds a symbolic link to a folder outside).
//!
//! `GRAPH_HOSTILE_SCHEMA_CASES` (default 16) sets the number of documents and
//! `GRAPH_HOSTILE_SCHEMA_SEED` the first case's seed; a failing case prints the command that
//! runs it alone. The long campaign:
//!
//! ```sh
//! GRAPH_HOSTILE_SCHEMA_CASES=20000 cargo test --release -p msgraph-codegen --test hostile_schema -- --nocapture
//! ```

mod documents;
mod mutate;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use msgraph_codegen::cli::{self, Options};
use msgraph_codegen::csdl::Csdl;
use msgraph_codegen::select::{Selection, Selector};

use mutate::{Index, Rng};

/// A document the campaign mutates, indexed once.
struct Source {
    name: String,
    text: String,
    index: Index,
}

impl Source {
    fn new(name: impl Into<String>, text: String) -> Source {
        let index = Index::new(&text);
        Source { name: name.into(), text, index }
    }
}

/// `$GRAPH_SCHEMA_DIR`, else `../shared/schema` beside the workspace.
fn schema_dir() -> PathBuf {
    std::env::var_os("GRAPH_SCHEMA_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/schema"), PathBuf::from)
}

/// The real schemas, when present (one line on stderr when not, unless CI requires them).
fn real_sources() -> Vec<Source> {
    let dir = schema_dir();
    let mut sources = Vec::new();
    for file in ["intune-beta.csdl.xml", "v1.0.csdl.xml"] {
        let path = dir.join(file);
        match std::fs::read_to_string(&path) {
            Ok(text) => sources.push(Source::new(file, text)),
            Err(_) => {
                assert!(
                    std::env::var_os("GRAPH_CORPUS_REQUIRED").is_none(),
                    "schema required but absent at {}",
                    path.display()
                );
                let line =
                    format!("schema absent at {}: the campaign mutates hand-made documents only\n", path.display());
                let _ = std::io::stderr().write_all(line.as_bytes());
            }
        }
    }
    sources
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().map_or(default, |value| value.parse().unwrap_or_else(|_| panic!("{name}: not a number")))
}

/// One document of the campaign.
struct Case {
    description: String,
    bytes: Vec<u8>,
    /// The byte near which it was changed (the generator is pointed at the types there).
    changed_at: usize,
    /// Whether to generate everything the document's roots reach, however large.
    everything: bool,
}

fn build_case(seed: u64, small: &[Source], real: &[Source]) -> Case {
    let mut rng = Rng::new(seed);
    let release = !cfg!(debug_assertions);
    let mutated = |rng: &mut Rng, source: &Source, count: usize, names: &[&str]| {
        let mutated = mutate::mutate(rng, &source.text, &source.index, count, names);
        Case {
            description: format!("{}, {}", source.name, mutated.done.join("; ")),
            bytes: mutated.bytes,
            changed_at: mutated.first_change,
            everything: false,
        }
    };
    // The kind of case turns with the seed, so that a short run meets every kind.
    match seed % 8 {
        0 | 2 => {
            let source = rng.pick(small);
            let count = 1 + rng.below(3);
            mutated(&mut rng, source, count, &[])
        }
        1 | 3 | 7 if !real.is_empty() => {
            // Mostly the beta schema; v1.0 (all of Graph, twice the size) one time in four.
            let source = if real.len() > 1 && rng.chance(25) { &real[1] } else { &real[0] };
            let count = 1 + rng.below(3);
            // Now and then all of the beta schema's Intune slice (a second in release).
            let everything = release && source.text.len() < 2 << 20 && rng.chance(2);
            Case { everything, ..mutated(&mut rng, source, count, &[]) }
        }
        4 => {
            let (description, text) = documents::generated(&mut rng, release);
            let changed_at = rng.below(text.len());
            Case { description, bytes: text.into_bytes(), changed_at, everything: false }
        }
        5 => {
            // Valid but adversarial names: given consistently, or (with keywords) anywhere.
            let source = rng.pick(small);
            let count = 1 + rng.below(6);
            if rng.chance(70) {
                let renamed =
                    mutate::rename(&mut rng, &source.text, &source.index, documents::CONSISTENT_RENAMES, count);
                Case {
                    description: format!("{}, {}", source.name, renamed.done.join("; ")),
                    bytes: renamed.bytes,
                    changed_at: renamed.first_change,
                    everything: false,
                }
            } else {
                mutated(&mut rng, source, count, documents::VALID_ADVERSARIAL_NAMES)
            }
        }
        _ => {
            let source = rng.pick(small);
            let count = 4 + rng.below(8);
            mutated(&mut rng, source, count, &[])
        }
    }
}

/// A scratch folder: `case.xml`, `out/` (whose `src/linked` leads to `outside/`), and
/// `outside/keep.rs`, which no case may touch. One per test (`test` names it): the tests of
/// this file run in parallel in one process.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(test: &str) -> Scratch {
        let root = std::env::temp_dir().join(format!("msgraph-codegen-hostile-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("out/src")).unwrap();
        std::fs::create_dir_all(root.join("outside")).unwrap();
        std::fs::write(root.join("outside/keep.rs"), "// not generated\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("outside"), root.join("out/src/linked")).unwrap();
        Scratch { root }
    }

    fn case_file(&self) -> PathBuf {
        self.root.join("case.xml")
    }

    fn out(&self) -> PathBuf {
        self.root.join("out")
    }

    /// Every file and link under the scratch folder but `case.xml`, with the content of
    /// the files outside `out/`.
    fn snapshot_outside_out(&self) -> BTreeMap<PathBuf, String> {
        let mut found = BTreeMap::new();
        let mut stack = vec![self.root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let entry = entry.unwrap();
                let path = entry.path();
                let kind = entry.file_type().unwrap();
                if path == self.out() || path == self.case_file() {
                    continue;
                }
                if kind.is_dir() {
                    stack.push(path);
                } else {
                    let content = std::fs::read_to_string(&path).unwrap_or_else(|_| "(not text)".to_owned());
                    found.insert(path, content);
                }
            }
        }
        found
    }

    /// What `out/` holds that a generation may not write: anything but `Cargo.toml`,
    /// `src/**/*.rs` and the link.
    fn unexpected_in_out(&self) -> Vec<String> {
        let mut unexpected = Vec::new();
        let mut stack = vec![self.out()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let entry = entry.unwrap();
                let path = entry.path();
                let relative = path.strip_prefix(self.out()).unwrap().to_path_buf();
                let kind = entry.file_type().unwrap();
                if kind.is_symlink() {
                    if relative != Path::new("src/linked") {
                        unexpected.push(format!("a link {}", relative.display()));
                    }
                } else if kind.is_dir() {
                    stack.push(path);
                } else if !(relative == Path::new("Cargo.toml")
                    || (relative.starts_with("src") && relative.extension().is_some_and(|ext| ext == "rs")))
                {
                    unexpected.push(relative.display().to_string());
                }
            }
        }
        unexpected
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Messages that concern the document as a whole, or its XML, rather than one element.
const DOCUMENT_PROBLEMS: &[&str] = &["not well-formed XML", "the document "];

/// Whether `message` names `file`, a line (and column), and an element: `file:12:5: <Property>: …`.
fn check_located(message: &str, file: &Path) -> Result<(), String> {
    let fail = |why: &str| Err(format!("{why}: {message}"));
    if message.contains('\n') {
        return fail("the message is not one line");
    }
    let Some(rest) = message.strip_prefix(&format!("{}:", file.display())) else {
        return fail("the message does not start with the file");
    };
    let (line, rest) = rest.split_once(':').unwrap_or(("", rest));
    if line.parse::<u32>().map_or(true, |line| line == 0) {
        return fail("no line after the file");
    }
    let rest = match rest.split_once(':') {
        Some((column, after)) if column.parse::<u32>().is_ok() => after,
        _ => rest,
    };
    let Some(rest) = rest.strip_prefix(' ') else { return fail("no space after the place") };
    if let Some(element) = rest.strip_prefix('<') {
        let Some(name_ends) = element.find(">: ") else { return fail("an unclosed element name") };
        let name = &element[..name_ends];
        // The document's own text: shown escaped (`\u{feff}`), never raw and invisible.
        let printable = |ch: char| ch == '\\' || (ch.escape_debug().count() == 1 && !ch.is_whitespace());
        if name.is_empty() || !name.chars().all(printable) {
            return fail("not an element name, shown escaped");
        }
        Ok(())
    } else if DOCUMENT_PROBLEMS.iter().any(|problem| rest.starts_with(problem)) {
        Ok(())
    } else {
        fail("no element named")
    }
}

/// What happened to a case that passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Generated,
    RefusedWhenRead,
    RefusedWhenSelected,
    RefusedWhenGenerated,
}

fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|text| (*text).to_owned()))
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// The types to generate: all, for a small document (or when asked); else a type declared
/// near the change whose selection stays small (a few hundred types), so that a case stays
/// quick. The whole URL tree is walked first, unless the document is as large as v1.0 (a
/// second of walking).
fn choose_selectors(csdl: &Csdl, changed_line: u32, everything: bool) -> Result<Vec<Selector>, String> {
    if csdl.types.len() <= 300 || everything {
        return Ok(Vec::new());
    }
    if csdl.types.len() < 2_500 {
        Selection::new(csdl, &[])?;
    }
    let mut near: Vec<(u32, &str)> =
        csdl.types.values().map(|ty| (ty.line.abs_diff(changed_line), ty.full_name.as_str())).collect();
    near.sort();
    let mut smallest: Option<(usize, &str)> = None;
    for (_, name) in near.into_iter().take(12) {
        let selectors = [Selector::Type(name.to_owned())];
        let types = Selection::new(csdl, &selectors)?.types.len();
        if types <= 250 {
            return Ok(selectors.into());
        }
        if smallest.is_none_or(|(fewest, _)| types < fewest) {
            smallest = Some((types, name));
        }
    }
    Ok(smallest.map(|(_, name)| vec![Selector::Type(name.to_owned())]).unwrap_or_default())
}

/// Runs a case: its outcome and the generator's message, or why it failed.
fn run_case(scratch: &Scratch, case: &Case) -> Result<(Outcome, String), String> {
    let file = scratch.case_file();
    std::fs::write(&file, &case.bytes).unwrap();
    let changed_line =
        case.bytes[..case.changed_at.min(case.bytes.len())].iter().filter(|byte| **byte == b'\n').count() + 1;

    let read =
        catch_unwind(|| Csdl::read_file(&file)).map_err(|panic| format!("reading panicked: {}", panic_text(panic)))?;
    let csdl = match read {
        Ok(csdl) => csdl,
        Err(message) => {
            check_located(&message, &file)?;
            return Ok((Outcome::RefusedWhenRead, message));
        }
    };
    let selectors = catch_unwind(AssertUnwindSafe(|| choose_selectors(&csdl, changed_line as u32, case.everything)))
        .map_err(|panic| format!("selecting panicked: {}", panic_text(panic)))?;
    let (selectors, refused_when_selected) = match selectors {
        Ok(selectors) => (selectors, false),
        Err(message) => {
            check_located(&message, &file)?;
            (Vec::new(), true)
        }
    };
    let options = Options { selectors, ..Options::new(&file, scratch.out()) };
    let generated = catch_unwind(AssertUnwindSafe(|| cli::generate(&options)))
        .map_err(|panic| format!("generating panicked: {}", panic_text(panic)))?;
    match generated {
        Ok(summary) if refused_when_selected => Err(format!("the selection was refused, then generated: {summary}")),
        Ok(summary) => {
            if summary.files == 0 {
                return Err(format!("generated no files: {summary}"));
            }
            Ok((Outcome::Generated, summary.text))
        }
        Err(message) => {
            check_located(&message, &file)?;
            let outcome =
                if refused_when_selected { Outcome::RefusedWhenSelected } else { Outcome::RefusedWhenGenerated };
            Ok((outcome, message))
        }
    }
}

#[test]
fn every_hostile_schema_is_generated_or_refused_at_its_place_and_nothing_outside_out_is_touched() {
    let cases = env_number("GRAPH_HOSTILE_SCHEMA_CASES", 16);
    let first_seed = env_number("GRAPH_HOSTILE_SCHEMA_SEED", 0x2100);
    let small: Vec<Source> =
        documents::small_documents().into_iter().map(|(name, text)| Source::new(name, text)).collect();
    let real = real_sources();
    let scratch = Scratch::new("campaign");
    let outside_before = scratch.snapshot_outside_out();
    let started = Instant::now();
    let mut outcomes: BTreeMap<Outcome, usize> = BTreeMap::new();
    let mut examples: BTreeMap<Outcome, String> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    // Failure → the seeds that failed so, to tell distinct problems apart in a long run.
    let mut kinds: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for seed in first_seed..first_seed + cases {
        let case = build_case(seed, &small, &real);
        let outcome = run_case(&scratch, &case).and_then(|outcome| {
            let touched = scratch.snapshot_outside_out() != outside_before;
            let unexpected = scratch.unexpected_in_out();
            match (touched, unexpected.is_empty()) {
                (true, _) => Err("a file outside --out was touched".to_owned()),
                (false, false) => Err(format!("out/ holds what the generator does not write: {unexpected:?}")),
                (false, true) => Ok(outcome),
            }
        });
        match outcome {
            Ok((outcome, message)) => {
                *outcomes.entry(outcome).or_default() += 1;
                examples.entry(outcome).or_insert(message);
            }
            Err(failure) => {
                let kind = failure.lines().next().unwrap_or_default().to_owned();
                kinds.entry(kind).or_default().push(seed);
                failures.push(format!(
                    "case {seed}: {failure}\n  the document: {}\n  run it alone: GRAPH_HOSTILE_SCHEMA_SEED={seed} \
                     GRAPH_HOSTILE_SCHEMA_CASES=1 cargo test -p msgraph-codegen --test hostile_schema",
                    case.description
                ));
            }
        }
        let done = seed - first_seed + 1;
        if done.is_multiple_of(1_000) {
            let line = format!("hostile schemas: {done} of {cases} cases, {} failures\n", failures.len());
            let _ = std::io::stderr().write_all(line.as_bytes());
        }
    }
    let line = format!(
        "hostile schemas: {cases} cases from seed {first_seed} in {:.1} s, {} failures: {outcomes:?}\n{}",
        started.elapsed().as_secs_f64(),
        failures.len(),
        examples.iter().map(|(outcome, message)| format!("  first {outcome:?}: {message}\n")).collect::<String>()
    );
    let _ = std::io::stderr().write_all(line.as_bytes());
    let by_kind: String = kinds
        .iter()
        .map(|(kind, seeds)| format!("  {} cases ({:?}…): {kind}\n", seeds.len(), &seeds[..seeds.len().min(5)]))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed, in {} ways:\n{by_kind}the first ones:\n{}",
        failures.len(),
        kinds.len(),
        failures[..failures.len().min(10)].join("\n")
    );
    if cases >= 16 {
        assert!(outcomes.contains_key(&Outcome::Generated), "no case was generated: {outcomes:?}");
        assert!(outcomes.contains_key(&Outcome::RefusedWhenRead), "no case was refused: {outcomes:?}");
    }
}

/// G1 through the command: a singleton of an undeclared type is an error (exit code 1, a
/// located message), not a panic (exit code 101).
#[test]
fn the_command_refuses_a_root_of_an_undeclared_type_without_panicking() {
    let scratch = Scratch::new("undeclared-root");
    for container in [
        r#"<EntityContainer Name="c"><Singleton Name="root" Type="graph.missing" /></EntityContainer>"#,
        r#"<EntityContainer Name="c"><EntitySet Name="roots" EntityType="graph.missing" /></EntityContainer>"#,
    ] {
        std::fs::write(scratch.case_file(), documents::document(container)).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_msgraph-codegen"))
            .args(["--no-corpus", "--metadata"])
            .arg(scratch.case_file())
            .arg("--out")
            .arg(scratch.out())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        let message = stderr.trim().strip_prefix("msgraph-codegen: ").unwrap();
        check_located(message, &scratch.case_file()).unwrap();
        assert!(message.contains("undeclared type `microsoft.graph.missing`"), "{message}");
    }
}

#[test]
fn located_messages_are_recognised() {
    let file = Path::new("/tmp/x.xml");
    assert!(check_located("/tmp/x.xml:3:5: <Property>: bad", file).is_ok());
    assert!(check_located("/tmp/x.xml:3: <NavigationProperty>: too deep", file).is_ok());
    assert!(check_located("/tmp/x.xml:1:1: not well-formed XML: …", file).is_ok());
    assert!(check_located("/tmp/x.xml: No such file", file).is_err());
    assert!(check_located("/tmp/x.xml:3:5: bad", file).is_err());
    assert!(check_located("rustfmt failed on the generated code", file).is_err());
    assert!(check_located("/tmp/x.xml:3:5: <Property>: two\nlines", file).is_err());
}
