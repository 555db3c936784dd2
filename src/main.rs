//! The `trace-path` binary: parse options, call the library, print, and
//! map what happened to an exit code (see `exits`).

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Parser;

use trace_path::cli::{Cli, ColorArg};
use trace_path::input::Source;
use trace_path::render::{self, Style};
use trace_path::sources::Messages;
use trace_path::trust::TrustedRelays;
use trace_path::{TraceOptions, config, dns, exits, trace};

const PASTE_PROMPT: &str = "Paste the message or its headers, then press Ctrl-D on a new line (Ctrl-Z then Enter on Windows).";

fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(run(cli) as u8)
}

fn run(cli: Cli) -> i32 {
    let mut relays = cli.trust.clone();
    if !cli.no_config
        && let Some(path) = config::default_path()
    {
        match config::load(&path) {
            Ok(cfg) => relays.extend(cfg.trust),
            Err(e) => return fail(exits::USAGE, &e),
        }
    }
    let options = TraceOptions {
        trusted: TrustedRelays(relays),
        now: report_time(),
    };

    let mut status = exits::OK;
    let mut reports = Vec::new();
    let sources = sources(&cli);
    if sources.contains(&Source::Stdin) && io::stdin().is_terminal() {
        eprintln!("{PASTE_PROMPT}");
    }
    for message in Messages::new(sources) {
        match message.and_then(|i| trace(&i, &options)) {
            Ok(report) => reports.push(report),
            Err(e) => status = fail(exits::INPUT, &e),
        }
    }
    if reports.is_empty() {
        return status;
    }
    if let Some(dns) = cli.dns_options() {
        run_dns(&mut reports, &dns);
    }

    let to_terminal = cli.output.is_none() && io::stdout().is_terminal();
    let style = Style {
        color: use_color(cli.color, to_terminal),
        width: to_terminal.then(terminal_width).flatten(),
    };
    let renderer = render::renderer(cli.format.into(), style);
    if let Err(e) = write_output(&cli, |out| renderer.render(&reports, out)) {
        return fail(exits::OUTPUT, &e);
    }

    let failed_on = cli.fail_on.is_some_and(|level| {
        reports
            .iter()
            .any(|r| r.worst_severity().is_some_and(|s| s >= level.into()))
    });
    if status == exits::OK && failed_on {
        exits::FINDINGS
    } else {
        status
    }
}

/// The DNS stage on every report; when it cannot start, each report says so.
fn run_dns(reports: &mut [trace_path::report::Report], options: &dns::DnsOptions) {
    match dns::DnsChecker::new(options) {
        Ok(checker) => reports.iter_mut().for_each(|r| checker.check(r)),
        Err(e) => reports.iter_mut().for_each(|r| dns::unavailable(r, &e)),
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

fn write_output(
    cli: &Cli,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), OutputError> {
    match &cli.output {
        Some(path) => {
            let shown = path.display().to_string();
            let wrap = |source| OutputError {
                target: shown.clone(),
                source,
            };
            let file = File::create(path).map_err(wrap)?;
            let mut out = BufWriter::new(file);
            render(&mut out).and_then(|_| out.flush()).map_err(wrap)
        }
        None => {
            let mut out = io::stdout().lock();
            match render(&mut out).and_then(|_| out.flush()) {
                // A closed pipe (`| head`) is the reader's choice, not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(|source| OutputError {
                    target: "standard output".into(),
                    source,
                }),
            }
        }
    }
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
