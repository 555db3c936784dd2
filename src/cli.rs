//! Command-line options (clap derive). Only parsing lives here.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::dns::{DnsOptions, Limits, ResolverAddr};
use crate::host::HostName;
use crate::model::Severity;
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
  trace-path --no-dns message.eml            offline: no DNS query at all
  trace-path --resolver 192.0.2.53 --dnsbl bl.example.net message.eml
                                             ask this DNS server; check a blocklist
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
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

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

    /// Send no DNS query at all (the trace is offline). Without it, each
    /// hop's sender is checked in DNS (PTR, forward-confirmed rDNS, HELO),
    /// and so are the recipient domain's MX and, as they stand today, the
    /// message's SPF, DMARC record and DKIM signatures.
    #[arg(long)]
    pub no_dns: bool,

    /// DNS server to ask, instead of the system's resolver configuration.
    /// Repeatable. IPv6 with a port: [2001:db8::53]:53.
    #[arg(long, value_name = "IP[:PORT]")]
    pub resolver: Vec<ResolverAddr>,

    /// One deadline, in seconds, for all DNS work of a report; checks not
    /// finished by then show `timeout`. Fractions allowed.
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = parse_deadline)]
    pub dns_timeout: Duration,

    /// Check the trustworthy hop's IP on this DNS blocklist zone
    /// (repeatable). Off by default: each query tells the list's operator the IP.
    #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
    pub dnsbl: Vec<HostName>,

    /// With --dnsbl, also check every unverified public IP below the trustworthy hop.
    #[arg(long, requires = "dnsbl")]
    pub dnsbl_all: bool,

    /// When to use colours (NO_COLOR is honoured with auto).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// Print one summary of all messages (counts, findings, bounce reasons,
    /// transit times) instead of a report per message.
    #[arg(long)]
    pub summary: bool,

    /// No progress bar and no hints on standard error.
    #[arg(short, long)]
    pub quiet: bool,

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

impl Cli {
    /// The DNS stage's options; `None` with `--no-dns`.
    pub fn dns_options(&self) -> Option<DnsOptions> {
        (!self.no_dns).then(|| DnsOptions {
            resolvers: self.resolver.clone(),
            deadline: self.dns_timeout,
            dnsbl: self.dnsbl.clone(),
            dnsbl_all: self.dnsbl_all,
            limits: Limits::default(),
        })
    }
}

/// The longest `--dns-timeout`: an hour is already far past any use.
const MAX_DEADLINE_SECS: f64 = 3600.0;

fn parse_deadline(text: &str) -> Result<Duration, String> {
    let secs: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number of seconds"))?;
    if !(secs > 0.0 && secs <= MAX_DEADLINE_SECS) {
        return Err(format!(
            "must be more than 0 and at most {MAX_DEADLINE_SECS} seconds"
        ));
    }
    Ok(Duration::from_secs_f64(secs))
}

fn parse_zone(text: &str) -> Result<HostName, String> {
    let zone = HostName::parse(text).map_err(|e| format!("'{text}' is not a DNS zone: {e}"))?;
    if zone.is_fqdn() {
        Ok(zone)
    } else {
        Err(format!("'{text}' is not a DNS zone: it has a single label"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines() {
        assert_eq!(parse_deadline("3").unwrap(), Duration::from_secs(3));
        assert_eq!(parse_deadline("0.25").unwrap(), Duration::from_millis(250));
        for bad in ["0", "-1", "x", "NaN", "inf", "1e9", ""] {
            assert!(parse_deadline(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn zones() {
        assert_eq!(
            parse_zone("BL.Example.NET.").unwrap().as_str(),
            "bl.example.net"
        );
        assert!(parse_zone("bl").is_err());
        assert!(parse_zone("bl_x.example.net").is_err());
    }
}
