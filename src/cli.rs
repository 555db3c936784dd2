//! Command-line options (clap derive). Only parsing lives here.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::finding::Severity;
use crate::render::Format;
use crate::trust::TrustedRelay;

const AFTER_HELP: &str = "\
Examples:
  trace-path message.eml                     trace a saved message
  trace-path --format json message.eml       the same as JSON for scripts
  pbpaste | trace-path                       headers from the clipboard
  trace-path                                 paste headers, then Ctrl-D
  trace-path -f markdown -o report.md message.eml
                                             a report for a support ticket
  trace-path -f html --redact -o report.html message.eml
                                             a redacted page to attach or print
  trace-path --trust 10.0.0.0/8 --trust gw.example.com message.eml
                                             name your own relays
  trace-path completions bash > ~/.local/share/bash-completion/completions/trace-path
  trace-path man > trace-path.1              the manual page
  trace-path ./completions                   a message file named like a command

Exit codes:
  0  report written
  1  report written, and --fail-on level reached
  2  usage error (bad option or value, bad config file)
  3  input problem (unreadable, empty, too large, not mail)
  4  output problem (cannot write --output)";

/// Trace how an e-mail travelled and where it stopped.
///
/// Reads a message (or just its headers) and shows every Received hop,
/// oldest first, with times in UTC, delays, the one hop you can trust, and
/// what looks wrong.
#[derive(Debug, Parser)]
#[command(
    name = "trace-path",
    version,
    about,
    long_about,
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Instead of tracing: print shell completions or the manual page.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Messages to read: .eml files, headers-only text, or - for stdin.
    /// With none, reads stdin (and prompts for a paste on a terminal).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,

    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// One of your own relays: a host name (*.example.com for a domain) or
    /// an IP network (10.0.0.0/8). Repeatable.
    #[arg(long, value_name = "HOST|CIDR")]
    pub trust: Vec<TrustedRelay>,

    /// Do not read the config file.
    #[arg(long)]
    pub no_config: bool,

    /// Replace e-mail addresses, the subject, the message-id and your own
    /// host names and addresses with stable tokens (host-1.example,
    /// user-2@..., ip-1), keeping public relays, times and codes.
    #[arg(long)]
    pub redact: bool,

    /// Send no DNS query at all (the trace is offline).
    #[arg(long)]
    pub no_dns: bool,

    /// When to use colours (NO_COLOR is honoured with auto).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// Exit with code 1 when a finding reaches this level.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
}

/// What to do instead of tracing messages.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a completion script for a shell to standard output.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff) to standard output.
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A table for the terminal.
    Table,
    /// Plain ASCII text, at most 80 columns, for e-mail and plain-text tickets.
    Text,
    /// Markdown (GitHub, GitLab, Jira) for support tickets.
    #[value(alias = "md")]
    Markdown,
    /// One JSON object (an array for several inputs).
    Json,
    /// One compact JSON object per line, per input.
    Jsonl,
    /// One self-contained HTML page with a timeline, to attach or print.
    Html,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Table => Format::Table,
            FormatArg::Text => Format::Text,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Html => Format::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Warning,
    Error,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Severity {
        match f {
            FailOn::Warning => Severity::Warning,
            FailOn::Error => Severity::Error,
        }
    }
}
