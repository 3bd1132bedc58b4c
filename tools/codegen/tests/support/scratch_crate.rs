//! The crates the generator's tests write and build, outside this workspace.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the workspace exists")
}

/// `target/codegen-scratch/<name>`, emptied: where a test writes its crate.
pub fn fresh_dir(name: &str) -> PathBuf {
    let dir = workspace().join("target/codegen-scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The command's success and its stdout and stderr, together.
pub fn run(command: &mut Command) -> (bool, String) {
    let output = command.output().expect("the command runs");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

/// `cargo check --features full` of a crate the generator wrote, with every warning denied: its
/// `msgraph-entity = "0.1"` pointed at this workspace's runtime, with the workspace's lock file.
/// Every scratch crate builds in one target folder, so the runtime and its dependencies build once
/// for all of them.
pub fn check_without_warnings(crate_dir: &Path) -> Result<(), String> {
    let manifest = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|error| format!("{}: {error}", manifest.display()))?;
    let dependency = "msgraph-entity = \"0.1\"";
    if !text.contains(dependency) {
        return Err(format!("a new crate depends on msgraph-entity 0.1:\n{text}"));
    }
    let runtime = workspace().join("graph-core");
    let local = text.replace(dependency, &format!("msgraph-entity = {{ path = {:?} }}", runtime.to_string_lossy()));
    std::fs::write(&manifest, format!("{local}\n[workspace]\n")).unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), crate_dir.join("Cargo.lock")).unwrap();

    let (ok, output) = run(Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .current_dir(crate_dir)
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_TARGET_DIR", workspace().join("target/codegen-scratch/target"))
        .args(["check", "--quiet", "--features", "full", "--offline"]));
    match (ok, output.contains("warning")) {
        (true, false) => Ok(()),
        (false, _) => Err(format!("does not build cleanly:\n{output}")),
        (true, true) => Err(format!("warns:\n{output}")),
    }
}
