//! Helpers shared by the command line's process tests: scratch files, running the binary, its output.
#![allow(dead_code)] // each test file uses its own subset

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// This test process's scratch directory, one per test binary (`tag`) and process.
fn scratch_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("avro-playground-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Writes `content` to `name` in the scratch directory atomically (a unique file, then renamed): tests run
/// in parallel and some write the same file, which a reader must never see half written.
pub fn scratch_bytes(name: &str, content: &[u8]) -> PathBuf {
    static WRITES: AtomicUsize = AtomicUsize::new(0);
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let dir = scratch_dir(env!("CARGO_CRATE_NAME"));
    let path = dir.join(name);
    let part = dir.join(format!("{name}.{n}.part"));
    std::fs::write(&part, content).expect("write");
    std::fs::rename(&part, &path).expect("rename");
    path
}

/// Where a command may write `name` in the scratch directory.
pub fn scratch_path(name: &str) -> PathBuf {
    scratch_dir(env!("CARGO_CRATE_NAME")).join(name)
}

/// [`scratch_bytes`] for text.
pub fn scratch(name: &str, content: &str) -> PathBuf {
    scratch_bytes(name, content.as_bytes())
}

/// A path as the &str a command line takes.
pub fn p(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}

/// Runs the binary with `args`, `stdin` piped in.
pub fn run_bytes(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_avro-playground"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the binary");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().expect("wait")
}

/// [`run_bytes`] with text on stdin.
pub fn run(args: &[&str], stdin: &str) -> Output {
    run_bytes(args, stdin.as_bytes())
}

/// Stdout, trimmed.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// Stderr as it stands.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}
