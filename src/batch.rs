//! Running the pipeline over many messages: streamed in, traced in
//! parallel a chunk at a time, handed out in input order. Memory holds one
//! chunk of messages and reports, however large the batch.

use std::io::{self, Write};

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::dns::{self, DnsChecker, DnsError};
use crate::input::InputError;
use crate::model::Report;
use crate::model::Severity;
use crate::render::{self, Format, Place, Renderer};
use crate::sources::Message;
use crate::summary::Summary;
use crate::{TraceOptions, analyse, conclude};

/// Messages traced together; large enough to keep both cores busy, small
/// enough that memory stays flat.
pub const CHUNK: usize = 64;

/// The DNS stage for a batch, decided once.
pub enum DnsStage {
    /// `--no-dns`.
    Off,
    On(Box<DnsChecker>),
    /// DNS was asked for but could not start; every report says why.
    Unavailable(DnsError),
}

impl DnsStage {
    fn apply<'r>(&self, reports: impl Iterator<Item = &'r mut Report>) {
        match self {
            DnsStage::Off => {}
            DnsStage::On(checker) => checker.check_all(reports),
            DnsStage::Unavailable(e) => reports.for_each(|r| dns::unavailable(r, e)),
        }
    }
}

/// Turns one report into output bytes. Called from worker threads, so
/// formatting (JSON, tables) runs on all cores like tracing does.
pub trait FormatReport: Sync {
    fn format(&self, report: &Report, place: Place) -> io::Result<Vec<u8>>;
}

/// Where a batch's results go, in input order.
pub trait Sink {
    /// Called once before any report: `several` says whether more than one
    /// message is in the batch.
    fn start(&mut self, several: bool) -> io::Result<()>;
    /// How reports are formatted (on worker threads).
    fn formatter(&self) -> &dyn FormatReport;
    /// A traced report and its formatted bytes, in input order.
    fn accept(&mut self, report: Report, formatted: Vec<u8>) -> io::Result<()>;
    /// An input that could not be traced; the batch goes on.
    fn error(&mut self, error: InputError);
    fn finish(&mut self) -> io::Result<()>;
}

/// Traces every message and feeds the sink. Stops only when the sink
/// cannot write.
pub fn run(
    messages: impl Iterator<Item = Message> + Send,
    options: &TraceOptions,
    dns: &DnsStage,
    sink: &mut dyn Sink,
) -> io::Result<()> {
    let mut messages = messages.peekable();
    let mut chunk: Vec<_> = messages.by_ref().take(CHUNK).collect();
    let several = chunk.len() > 1 || messages.peek().is_some();
    sink.start(several)?;
    let mut written = 0;
    while !chunk.is_empty() {
        // One thread gathers the next chunk (reading an mbox, opening
        // files) while the others trace this one.
        let (mut traced, next) = rayon::join(
            || trace_chunk(chunk, options),
            || messages.by_ref().take(CHUNK).collect(),
        );
        chunk = next;
        // DNS runs on its own runtime, several reports at once; redaction
        // and the verdict come after it, before anything is formatted.
        dns.apply(traced.iter_mut().flatten());
        for report in traced.iter_mut().flatten() {
            conclude(report, options);
        }
        let places = places(&traced, written, several);
        written += traced.iter().filter(|t| t.is_ok()).count();
        let formatter = sink.formatter();
        let formatted: Vec<io::Result<Vec<u8>>> = traced
            .par_iter()
            .zip(places)
            .map(|(outcome, place)| match (outcome, place) {
                (Ok(report), Some(place)) => formatter.format(report, place),
                _ => Ok(Vec::new()),
            })
            .collect();
        for (outcome, bytes) in traced.into_iter().zip(formatted) {
            match outcome {
                Ok(report) => sink.accept(report, bytes?)?,
                Err(e) => sink.error(e),
            }
        }
    }
    sink.finish()
}

/// Reads and traces a chunk of messages on all cores, in order. Each
/// message's buffer goes back to the pool for later reads.
fn trace_chunk(chunk: Vec<Message>, options: &TraceOptions) -> Vec<Result<Report, InputError>> {
    chunk
        .into_par_iter()
        .map(|message| {
            let input = message.load()?;
            let traced = analyse(&input, options);
            crate::input::recycle(input.bytes);
            traced
        })
        .collect()
}

/// The output place of each traced report, counting from `written`.
fn places(
    traced: &[Result<Report, InputError>],
    written: usize,
    several: bool,
) -> Vec<Option<Place>> {
    let mut index = written;
    traced
        .iter()
        .map(|t| {
            t.is_ok().then(|| {
                index += 1;
                Place {
                    index: index - 1,
                    several,
                }
            })
        })
        .collect()
}

/// Reports rendered in a format, or nothing (with `--summary`, reports are
/// only counted).
struct RenderReport {
    renderer: Box<dyn Renderer + Send + Sync>,
    summary_only: bool,
}

impl FormatReport for RenderReport {
    fn format(&self, report: &Report, place: Place) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        if !self.summary_only {
            self.renderer.report(report, place, &mut out)?;
        }
        Ok(out)
    }
}

/// The usual sink: writes each formatted report as it comes (or only counts
/// it, for `--summary`), tracks the worst finding for `--fail-on`, and
/// ticks a progress bar.
pub struct ReportWriter<'a> {
    format: RenderReport,
    out: Box<dyn Write + 'a>,
    summary: Option<Summary>,
    summary_format: Format,
    several: bool,
    written: usize,
    progress: ProgressBar,
    on_error: Box<dyn FnMut(&InputError) + 'a>,
    /// The most severe finding seen in any report.
    pub worst: Option<Severity>,
    /// Inputs that could not be traced.
    pub unreadable: usize,
}

impl<'a> ReportWriter<'a> {
    /// `summary` replaces the per-message reports by one summary at the end.
    pub fn new(
        renderer: Box<dyn Renderer + Send + Sync>,
        out: Box<dyn Write + 'a>,
        summary: Option<Format>,
        progress: ProgressBar,
        on_error: Box<dyn FnMut(&InputError) + 'a>,
    ) -> Self {
        ReportWriter {
            format: RenderReport {
                renderer,
                summary_only: summary.is_some(),
            },
            out,
            summary_format: summary.unwrap_or(Format::Table),
            summary: summary.map(|_| Summary::default()),
            several: false,
            written: 0,
            progress,
            on_error,
            worst: None,
            unreadable: 0,
        }
    }
}

impl ReportWriter<'_> {
    /// How many reports were written (or counted, for `--summary`).
    pub fn written(&self) -> usize {
        self.written
    }
}

impl Sink for ReportWriter<'_> {
    fn start(&mut self, several: bool) -> io::Result<()> {
        self.several = several;
        // A single message needs no progress indicator.
        if several {
            self.progress
                .enable_steady_tick(std::time::Duration::from_millis(120));
        } else {
            self.progress = ProgressBar::hidden();
        }
        if self.summary.is_none() {
            self.format.renderer.begin(several, &mut self.out)?;
        }
        Ok(())
    }

    fn formatter(&self) -> &dyn FormatReport {
        &self.format
    }

    fn accept(&mut self, report: Report, formatted: Vec<u8>) -> io::Result<()> {
        self.worst = self.worst.max(report.worst_severity());
        self.progress.inc(1);
        if let Some(summary) = &mut self.summary {
            summary.add(&report);
        }
        let out = &mut self.out;
        self.progress.suspend(|| out.write_all(&formatted))?;
        self.written += 1;
        Ok(())
    }

    fn error(&mut self, error: InputError) {
        self.unreadable += 1;
        if let Some(summary) = &mut self.summary {
            summary.add_unreadable();
        }
        self.progress.suspend(|| (self.on_error)(&error));
    }

    fn finish(&mut self) -> io::Result<()> {
        self.progress.finish_and_clear();
        match self.summary.take() {
            Some(summary) => {
                render::write_summary(&summary.finish(), self.summary_format, &mut self.out)?
            }
            // `begin` was called, so `end` is too, even when nothing was
            // written (an HTML page is closed).
            None => self.format.renderer.end(self.several, &mut self.out)?,
        }
        self.out.flush()
    }
}
