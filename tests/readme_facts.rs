//! What the READMEs and GUARANTEES.md state that the code can check: the README's length, its
//! two commands, its crate table, every feature a README names, the counts of generated types
//! and operations, its links, and every test GUARANTEES.md cites. Text only: nothing is built
//! or linked for it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The front door stays a front door; the guide lives in rustdoc.
const MAX_README_LINES: usize = 250;

/// The READMEs whose dependency lines are checked.
const READMES: &[&str] = &[
    "README.md",
    "graph-core/README.md",
    "graph-derive/README.md",
    "graph-intune/README.md",
    "graph-standin/README.md",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The text between backticks on `line`, in order.
fn backticked(line: &str) -> Vec<&str> {
    line.split('`').skip(1).step_by(2).collect()
}

/// The lines of `text` from the heading `heading` to the next heading of the same level.
fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    let mut lines = text.lines().skip_while(|line| *line != heading);
    let first = lines.next().unwrap_or_else(|| panic!("README has no `{heading}`"));
    let level = first.split(' ').next().unwrap_or_default();
    lines.take_while(|line| line.split(' ').next() != Some(level)).collect()
}

/// A workspace package: its folder and manifest text.
struct Package {
    folder: String,
    manifest: String,
}

impl Package {
    /// The names listed in `[section]` before the next section: `name = …` lines.
    fn keys_of(&self, section: &str) -> BTreeSet<String> {
        let header = format!("[{section}]");
        self.manifest
            .lines()
            .skip_while(|line| line.trim() != header)
            .skip(1)
            .take_while(|line| !line.starts_with('['))
            .filter(|line| !line.trim_start().starts_with('#'))
            .filter_map(|line| line.split_once('=').map(|(key, _)| key.trim().to_owned()))
            .filter(|key| !key.is_empty())
            .collect()
    }

    fn features(&self) -> BTreeSet<String> {
        self.keys_of("features")
    }
}

/// Every package of the workspace, by name.
fn packages() -> BTreeMap<String, Package> {
    let manifest = read("Cargo.toml");
    let members = manifest.split("members = [").nth(1).and_then(|rest| rest.split(']').next()).expect("members");
    members
        .split(',')
        .map(|member| member.trim().trim_matches('"'))
        .filter(|member| !member.is_empty())
        .map(|folder| {
            let manifest = read(&format!("{folder}/Cargo.toml"));
            let name = manifest
                .lines()
                .skip_while(|line| line.trim() != "[package]")
                .find_map(|line| line.strip_prefix("name = "))
                .expect("a package name")
                .trim_matches('"')
                .to_owned();
            let folder = if folder == "." { String::new() } else { format!("{folder}/") };
            (name, Package { folder, manifest })
        })
        .collect()
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display())) {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "target" && !name.starts_with('.') {
                rust_files(&path, found);
            }
        } else if name.ends_with(".rs") {
            found.push(path);
        }
    }
}

/// The first number in `text` before `suffix` (`1,979 types`), commas allowed.
fn number_before(text: &str, suffix: &str) -> Option<usize> {
    let at = text.find(suffix)?;
    let digits: String = text[..at].trim_end().chars().rev().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
    digits.chars().rev().filter(char::is_ascii_digit).collect::<String>().parse().ok()
}

#[test]
fn the_readme_is_a_front_door() {
    let readme = read("README.md");
    let lines = readme.lines().count();
    assert!(
        lines <= MAX_README_LINES,
        "README.md has {lines} lines; at most {MAX_README_LINES} (move the detail to the guide)"
    );
}

#[test]
fn the_two_commands_are_there_and_ci_runs_the_second() {
    let readme = read("README.md");
    let commands: Vec<&str> = section(&readme, "## The two commands")
        .into_iter()
        .filter(|line| line.starts_with("cargo "))
        .map(|line| line.split('#').next().unwrap().trim())
        .collect();
    assert_eq!(commands, ["cargo run --example create_ndes_connector", "cargo test --workspace --all-features"]);
    assert!(root().join("examples/create_ndes_connector.rs").exists());
    assert!(read(".ci/run").lines().any(|line| line.trim() == "cargo test --workspace --all-features"));
}

#[test]
fn the_crate_table_names_workspace_packages_in_their_folders() {
    let packages = packages();
    let readme = read("README.md");
    let mut rows = 0;
    for line in readme.lines().filter(|line| line.starts_with("| `msgraph-")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (names, folders) = (backticked(cells[1]), backticked(cells[2]));
        assert_eq!(names.len(), folders.len(), "one folder per crate: {line}");
        for (name, folder) in names.iter().zip(&folders) {
            let package =
                packages.get(*name).unwrap_or_else(|| panic!("README names `{name}`, not a workspace package"));
            assert_eq!(&package.folder, folder, "`{name}` is in `{}`", package.folder);
            rows += 1;
        }
    }
    assert!(rows >= 6, "the crate table lists the workspace's crates ({rows} found)");
    // Every crate name the README mentions anywhere is a package.
    for name in readme.lines().flat_map(backticked).filter(|text| text.starts_with("msgraph-")) {
        assert!(packages.contains_key(name), "README names `{name}`, not a workspace package");
    }
}

#[test]
fn every_dependency_line_of_a_readme_names_a_package_and_its_features() {
    let packages = packages();
    for readme in READMES {
        let text = read(readme);
        for line in text.lines().filter(|line| line.starts_with("msgraph-") && line.contains('=')) {
            let name = line.split_whitespace().next().unwrap();
            let package = packages.get(name).unwrap_or_else(|| panic!("{readme}: `{name}` is not a workspace package"));
            let Some(list) = line.split("features = [").nth(1) else { continue };
            let features = package.features();
            for feature in list.split(']').next().unwrap().split(',').map(|f| f.trim().trim_matches('"')) {
                assert!(features.contains(feature), "{readme}: `{name}` has no feature `{feature}` ({features:?})");
            }
        }
    }
}

#[test]
fn the_features_the_install_section_names_exist() {
    let packages = packages();
    let entity = &packages["msgraph-entity"];
    let intune = &packages["msgraph-intune"];
    let dependencies = entity.keys_of("dependencies");
    let readme = read("README.md");
    let mut checked = 0;
    let prose =
        section(&readme, "## Install").into_iter().filter(|line| !line.contains(" = ") && !line.starts_with("```"));
    for word in prose.flat_map(backticked) {
        let is_word =
            !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !is_word || dependencies.contains(word) {
            continue;
        }
        assert!(
            entity.features().contains(word) || intune.features().contains(word),
            "README's Install section names `{word}`, a feature of neither msgraph-entity nor msgraph-intune"
        );
        checked += 1;
    }
    assert!(checked >= 5, "the Install section names the features ({checked} found)");
}

#[test]
fn the_counts_are_those_of_the_generated_crate() {
    let mut files = Vec::new();
    rust_files(&root().join("graph-intune/src"), &mut files);
    let types =
        files.iter().filter(|path| !matches!(path.file_name().unwrap().to_str(), Some("lib.rs" | "mod.rs"))).count();
    let sources: Vec<String> = files.iter().map(|path| std::fs::read_to_string(path).unwrap()).collect();
    let derives = |derive: &str| sources.iter().map(|text| text.matches(derive).count()).sum::<usize>();
    let operations = derives(" GraphAction)]") + derives(" GraphFunction)]");

    let readme = read("README.md");
    assert_eq!(number_before(&readme, " types,"), Some(types), "README's type count (one file per generated type)");
    assert_eq!(number_before(&readme, " bound actions and functions"), Some(operations), "README's operation count");

    // The generated table of msgraph-intune's README: its entity, complex and enum columns add up
    // to the files, and an area's "compiles alone" is what the README says of it.
    let table: BTreeMap<String, Vec<usize>> = read("graph-intune/README.md")
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_owned(), cells[2..6].iter().map(|cell| cell.parse().unwrap()).collect())
        })
        .collect();
    assert_eq!(table.values().map(|row| row[0] + row[1] + row[2]).sum::<usize>(), types);
    for line in readme.lines().filter(|line| line.contains("` alone compiles ")) {
        let (before, after) = line.split_once("` alone compiles ").unwrap();
        let area = before.rsplit('`').next().unwrap();
        let stated = number_before(after, " types").unwrap_or_else(|| panic!("no count in `{line}`"));
        assert_eq!(
            table[area][3], stated,
            "README: `{area}` alone compiles {stated} types; the table says {}",
            table[area][3]
        );
    }
}

#[test]
fn the_readmes_local_links_lead_somewhere() {
    let readme = read("README.md");
    for target in readme.split("](").skip(1).map(|rest| rest.split(')').next().unwrap()) {
        if target.starts_with("http") || target.starts_with('#') {
            continue;
        }
        let file = target.split('#').next().unwrap();
        assert!(root().join(file).exists(), "README links to `{target}`, which does not exist");
    }
}

#[test]
fn every_test_the_guarantees_cite_exists() {
    let mut files = Vec::new();
    rust_files(&root(), &mut files);
    let defined: BTreeSet<String> = files
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            // Functions, and public fields (a policy's options are cited by name too).
            let functions =
                text.split("fn ").skip(1).map(|rest| rest.split(['(', '<']).next().unwrap().trim().to_owned());
            let fields = text
                .split("pub ")
                .skip(1)
                .filter_map(|rest| rest.split_once(':').map(|(name, _)| name.trim().to_owned()));
            functions.chain(fields).collect::<Vec<_>>()
        })
        .collect();
    let guarantees = read("GUARANTEES.md");
    let mut cited = 0;
    for text in guarantees.lines().filter(|line| line.starts_with('|')).flat_map(backticked) {
        let name = text.rsplit("::").next().unwrap();
        // A test name: a snake_case phrase (short identifiers are types, fields or options).
        if name.matches('_').count() < 3
            || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            continue;
        }
        assert!(defined.contains(name), "GUARANTEES.md cites `{name}`, which no function of the workspace is");
        cited += 1;
    }
    for path in guarantees.lines().filter(|line| line.starts_with('|')).flat_map(backticked) {
        let path = path.split_whitespace().next().unwrap();
        if path.contains('/')
            && !path.contains('*')
            && (path.ends_with(".rs") || path.ends_with(".sh") || path.starts_with("tests/"))
        {
            assert!(
                root().join(path).exists() || root().join("graph-core").join(path).exists(),
                "GUARANTEES.md cites `{path}`"
            );
        }
    }
    assert!(cited >= 50, "GUARANTEES.md cites its tests ({cited} found)");
}

#[test]
fn the_models_have_no_doc_examples_since_their_doc_tests_are_off() {
    let manifest = read("graph-intune/Cargo.toml");
    assert!(manifest.contains("doctest = false"), "graph-intune/Cargo.toml: doc-tests are on; drop this test");
    let mut files = Vec::new();
    rust_files(&root().join("graph-intune/src"), &mut files);
    assert!(files.len() > 100, "{} files under graph-intune/src", files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // Any fence counts: prettyplease writes long docs as `/** … */` blocks.
        let example = text.lines().position(|line| line.contains("```"));
        assert!(
            example.is_none(),
            "{}:{}: a doc example in msgraph-intune, whose doc-tests are off (`doctest = false`): turn them on",
            file.display(),
            example.unwrap_or_default() + 1
        );
    }
}

/// BENCHMARKS.md, "Compile time: msgraph-intune": an import through the root's glob re-exports
/// (`use crate::Name`) is resolved again and again while the derives expand; `full` took 11 s
/// more for it.
#[test]
fn the_models_import_each_other_by_path_not_through_the_crate_root() {
    let mut files = Vec::new();
    rust_files(&root().join("graph-intune/src"), &mut files);
    assert!(files.len() > 100, "{} files under graph-intune/src", files.len());
    let mut by_path = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            let Some(path) = line.strip_prefix("use crate::") else { continue };
            // `area::file::Type;`: three segments, the last a type.
            let segments: Vec<&str> = path.trim_end_matches(';').split("::").collect();
            assert!(
                segments.len() == 3 && !segments[..2].iter().any(|segment| segment.contains(['{', '*'])),
                "{}:{}: `{line}` imports through the crate root's re-exports, not by its path",
                file.display(),
                number + 1
            );
            by_path += 1;
        }
    }
    assert!(by_path > 1000, "only {by_path} imports by path: the scan does not see them");
}
