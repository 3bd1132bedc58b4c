//! `msgraph-codegen`: see the library's documentation and `--help`.

fn main() -> std::process::ExitCode {
    msgraph_codegen::cli::main()
}
