//! Running the pipeline over many messages: streamed in, traced in
//! parallel a chunk at a time, handed out in input order. Memory holds one
//! chunk of messages and reports, however large the batch.

use std::io::{self, Write};

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::dns::{self, DnsChecker, DnsError};
use crate::finding::Severity;
use crate::input::{Input, InputError};
use crate::render::{self, Format, Place, Renderer};
use crate::report::Report;
use crate::summary::Summary;
use crate::{TraceOptions, redact, trace};

/// Messages traced together; large enough to keep both cores busy, small
/// enough that memory stays flat.
pub const CHUNK: usize = 256;

/// The DNS stage for a batch, decided once.
pub enum DnsStage {
    /// `--no-dns`.
    Off,
    On(Box<DnsChecker>),
    /// DNS was asked for but could not start; every report says why.
    Unavailable(DnsError),
}

impl DnsStage {
    fn apply(&self, report: &mut Report) {
        match self {
            DnsStage::Off => {}
            DnsStage::On(checker) => checker.check(report),
            DnsStage::Unavailable(e) => dns::unavailable(report, e),
        }
    }
}

/// Where a batch's results go, in input order.
pub trait Sink {
    /// Called once before any report: `several` says whether more than one
    /// message is in the batch.
    fn start(&mut self, several: bool) -> io::Result<()>;
    fn report(&mut self, report: Report) -> io::Result<()>;
    /// An input that could not be traced; the batch goes on.
    fn error(&mut self, error: InputError);
    fn finish(&mut self) -> io::Result<()>;
}

/// Traces every message and feeds the sink. Stops only when the sink
/// cannot write.
pub fn run(
    messages: impl Iterator<Item = Result<Input, InputError>>,
    options: &TraceOptions,
    dns: &DnsStage,
    sink: &mut dyn Sink,
) -> io::Result<()> {
    let mut messages = messages.peekable();
    let mut first = true;
    loop {
        let chunk: Vec<_> = messages.by_ref().take(CHUNK).collect();
        if chunk.is_empty() && !first {
            break;
        }
        if first {
            sink.start(chunk.len() > 1 || messages.peek().is_some())?;
            first = false;
        }
        let traced: Vec<Result<Report, InputError>> = chunk
            .into_par_iter()
            .map(|message| message.and_then(|input| trace(&input, options)))
            .collect();
        for outcome in traced {
            match outcome {
                Ok(mut report) => {
                    dns.apply(&mut report);
                    redact::redact_if_asked(&mut report, options);
                    sink.report(report)?;
                }
                Err(e) => sink.error(e),
            }
        }
    }
    sink.finish()
}

/// The usual sink: renders each report as it comes (or only counts it, for
/// `--summary`), tracks the worst finding for `--fail-on`, and ticks a
/// progress bar.
pub struct ReportWriter<'a> {
    renderer: Box<dyn Renderer>,
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
        renderer: Box<dyn Renderer>,
        out: Box<dyn Write + 'a>,
        summary: Option<Format>,
        progress: ProgressBar,
        on_error: Box<dyn FnMut(&InputError) + 'a>,
    ) -> Self {
        ReportWriter {
            renderer,
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
        if self.summary.is_none() {
            self.renderer.begin(several, &mut self.out)?;
        }
        Ok(())
    }

    fn report(&mut self, report: Report) -> io::Result<()> {
        self.worst = self.worst.max(report.worst_severity());
        self.progress.inc(1);
        match &mut self.summary {
            Some(summary) => summary.add(&report),
            None => {
                let place = Place {
                    index: self.written,
                    several: self.several,
                };
                let out = &mut self.out;
                self.progress
                    .suspend(|| self.renderer.report(&report, place, out))?;
            }
        }
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
            None => self.renderer.end(self.several, &mut self.out)?,
        }
        self.out.flush()
    }
}
