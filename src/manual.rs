//! The conventions users expect around the binary: shell completion
//! scripts and the manual page, both generated from the clap definition in
//! [`crate::cli`] so they never drift from the real options.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// Writes the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "trace-path", out);
    Ok(())
}

/// Writes the manual page (roff), with the examples and exit codes of `--help`.
pub fn man_page(out: &mut dyn Write) -> io::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)
}
