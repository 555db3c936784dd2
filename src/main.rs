//! The `trace-path` binary: parse options, call the library, print, and
//! map what happened to an exit code (see `exits`).

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Parser;

use indicatif::{ProgressBar, ProgressStyle};
use trace_path::batch::{self, DnsStage, ReportWriter};
use trace_path::cli::{Cli, ColorArg, Command};
use trace_path::input::Source;
use trace_path::render::{self, Format, Style};

/// mimalloc: batches allocate many small strings per report on several
/// threads, where it is markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use trace_path::sources::Messages;
use trace_path::trust::TrustedRelays;
use trace_path::{TraceOptions, config, dns, exits, manual};

/// Shown on stderr when stdin is a terminal and no file was given.
const PASTE_PROMPT: &str = "\
Paste the message or its headers below: a saved .eml, Gmail's \"Show original\",
Outlook's \"Internet headers\", Thunderbird's or Apple Mail's message source;
quoted (> ) or indented text is fine.
When done, press Ctrl-D on an empty line (on Windows: Ctrl-Z, then Enter).";

/// Shown on stderr after the table of a paste, when stdout is a terminal.
const SAVE_HINT: &str = "Tip: for a support ticket, run `trace-path -f markdown -o report.md` and paste again (add --redact to hide addresses and your own hosts).";

fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(run(cli) as u8)
}

fn run(cli: Cli) -> i32 {
    if let Some(command) = &cli.command {
        return run_command(command);
    }
    let mut relays = cli.trust.clone();
    if !cli.no_config
        && let Some(path) = config::default_path()
    {
        match config::load(&path) {
            Ok(cfg) => {
                relays.extend(cfg.trust);
                trace_path::providers::install(cfg.providers);
            }
            Err(e) => return fail(exits::USAGE, &e),
        }
    }
    let options = TraceOptions {
        trusted: TrustedRelays(relays),
        now: report_time(),
        redact: cli.redact,
        keep_signed: !cli.no_dns,
    };

    let sources = sources(&cli);
    let pasted = sources.contains(&Source::Stdin) && io::stdin().is_terminal();
    if pasted {
        eprintln!("{PASTE_PROMPT}");
    }
    let dns = match cli.dns_options() {
        None => DnsStage::Off,
        Some(options) => match dns::DnsChecker::new(&options) {
            Ok(checker) => DnsStage::On(Box::new(checker)),
            Err(e) => DnsStage::Unavailable(e),
        },
    };

    let to_terminal = cli.output.is_none() && io::stdout().is_terminal();
    let columns = std::env::var("COLUMNS").ok();
    let terminal = to_terminal.then(terminal_width).flatten();
    let width = render::output_width(columns.as_deref(), terminal);
    let style = Style {
        color: use_color(cli.color, to_terminal),
        width: Some(width),
    };
    let out: Box<dyn Write> = match &cli.output {
        Some(path) => match File::create(path) {
            Ok(f) => Box::new(BufWriter::new(f)),
            Err(source) => {
                return fail(
                    exits::OUTPUT,
                    &OutputError {
                        target: path.display().to_string(),
                        source,
                    },
                );
            }
        },
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let format = cli.format;
    let mut writer = ReportWriter::new(
        render::renderer(format, style),
        out,
        cli.summary.then_some(format),
        progress_bar(&cli, to_terminal),
        Box::new(|e| {
            fail(exits::INPUT, e);
        }),
    );
    let written = batch::run(Messages::new(sources), &options, &dns, &mut writer);
    match written {
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let target = cli
                .output
                .as_ref()
                .map_or("standard output".to_string(), |p| p.display().to_string());
            return fail(exits::OUTPUT, &OutputError { target, source: e });
        }
        _ => {}
    }
    let table_shown = cli.format == Format::Table && !cli.summary && writer.written() > 0;
    if pasted && to_terminal && table_shown {
        let width = usize::from(width.max(render::MIN_WIDTH));
        for line in trace_path::text::fill(SAVE_HINT, width, "", "     ") {
            eprintln!("{line}");
        }
    }
    if writer.unreadable > 0 {
        exits::INPUT
    } else if cli
        .fail_on
        .is_some_and(|level| writer.worst >= Some(level.into()))
    {
        exits::FINDINGS
    } else {
        exits::OK
    }
}

/// A spinner with a count on stderr, for batches: only when stderr is a
/// terminal, stdout is not (the reports would mix with it), and not `--quiet`.
fn progress_bar(cli: &Cli, stdout_is_terminal: bool) -> ProgressBar {
    if cli.quiet || !io::stderr().is_terminal() || (stdout_is_terminal && !cli.summary) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} messages traced in {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

/// `completions SHELL` and `man`: print to stdout and exit.
fn run_command(command: &Command) -> i32 {
    let mut out = io::stdout().lock();
    let written = match command {
        Command::Completions { shell } => manual::completions(*shell, &mut out),
        Command::Man => manual::man_page(&mut out),
    };
    match written.and_then(|_| out.flush()) {
        Ok(()) => exits::OK,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => exits::OK,
        Err(e) => fail(exits::OUTPUT, &format!("cannot write standard output: {e}")),
    }
}

/// The inputs, in order; none given means stdin.
fn sources(cli: &Cli) -> Vec<Source> {
    if cli.files.is_empty() {
        return vec![Source::Stdin];
    }
    cli.files
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                Source::Stdin
            } else {
                Source::Path(p.clone())
            }
        })
        .collect()
}

#[derive(Debug, thiserror::Error)]
#[error("cannot write {target}: {source}")]
struct OutputError {
    target: String,
    source: io::Error,
}

/// Prints `trace-path: <error>` on one line and returns the exit code.
fn fail(code: i32, error: &dyn std::fmt::Display) -> i32 {
    let text = trace_path::text::escape_controls(&error.to_string()).into_owned();
    eprintln!("trace-path: {text}");
    code
}

fn use_color(choice: ColorArg, to_terminal: bool) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            to_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// The terminal's width; `None` when unknown or reported as 0 (some ptys do).
fn terminal_width() -> Option<u16> {
    comfy_table::Table::new().width().filter(|&w| w > 0)
}

/// `SOURCE_DATE_EPOCH` when set (reproducible reports), else the clock.
fn report_time() -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(Utc::now)
}
