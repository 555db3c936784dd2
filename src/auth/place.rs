//! Which hop wrote a header, and on which side of the trust boundary.
//!
//! A header sits between two Received headers: the one above it and the
//! one below it. Most receivers put their authentication and filter
//! headers right under their own Received header (milters, Gmail), some
//! right above it (a Postfix policy service's `Received-SPF`). The name a
//! header gives its writer decides where it can (an Authentication-Results
//! authserv-id, a Received-SPF `receiver=`); otherwise the hop above it
//! wrote it, and a name can only choose between the two neighbours (a
//! header below the boundary that names the receiver is a forgery, not
//! the receiver's).
//!
//! Filters that run as milters (rspamd, SpamAssassin's milters) and
//! Exchange append their verdict headers after the message's own headers,
//! below every Received header, where position says nothing: there the
//! last copy of each header is the receiving side's (a sender's copy comes
//! before it), and for Exchange's own headers (`X-MS-Exchange-*`,
//! `X-Forefront-Antispam-Report`, `X-Microsoft-Antispam*`) only when an
//! Exchange server is on the receiving side (its header firewall strips
//! the organisation headers that come from outside).

use crate::host::organisational_domain;
use crate::message::Field;
use crate::model::{Hop, Parsed, Side, Trust};
use crate::words::{contains_ignore_case, starts_with_ignore_case};

/// Headers Exchange appends below the message's own headers.
const EXCHANGE_TRAILER: &[&str] = &[
    "x-ms-exchange-",
    "x-forefront-antispam-report",
    "x-microsoft-antispam",
];

/// Where one header belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The hop whose receiver wrote it.
    pub hop: Option<usize>,
    pub side: Side,
}

/// The hops of a message, for placing its headers.
pub struct Path<'h> {
    hops: &'h [Hop],
    /// An Exchange server (Microsoft SMTP Server) is on the receiving side.
    exchange_receives: bool,
}

impl<'h> Path<'h> {
    pub fn new(hops: &'h [Hop]) -> Path<'h> {
        let exchange_receives = hops.iter().any(|h| {
            h.trust != Trust::Unverified && contains_ignore_case(&h.raw, "Microsoft SMTP")
        });
        Path {
            hops,
            exchange_receives,
        }
    }

    /// The hop with this position among the Received headers (0 = top).
    fn at(&self, header_index: usize) -> Option<&'h Hop> {
        self.hops.iter().find(|h| h.header_index == header_index)
    }

    /// Where `field` (read as `parsed`) belongs. `last_of_its_name` says
    /// whether no later field has the same name (for Exchange's trailer).
    pub fn place(&self, field: &Field, parsed: Option<&Parsed>, last_of_its_name: bool) -> Place {
        let below_all = field.received_above >= self.hops.len() && !self.hops.is_empty();
        if below_all && matches!(parsed, Some(Parsed::Verdict(_))) {
            let exchange_own = EXCHANGE_TRAILER
                .iter()
                .any(|p| starts_with_ignore_case(&field.name, p));
            let receivers = last_of_its_name && (self.exchange_receives || !exchange_own);
            return Place {
                hop: self.at(0).map(|h| h.number),
                side: if receivers {
                    Side::Receiver
                } else {
                    Side::Claim
                },
            };
        }
        let writer = parsed
            .and_then(writer_name)
            .and_then(|name| self.named(name, field.received_above))
            .or_else(|| self.by_position(field.received_above));
        Place {
            hop: writer.map(|h| h.number),
            side: match writer {
                Some(h) if h.trust == Trust::Unverified => Side::Claim,
                _ => Side::Receiver,
            },
        }
    }

    /// The number of the hop that wrote a header at this position, by
    /// position alone.
    pub fn hop_at(&self, received_above: usize) -> Option<usize> {
        self.by_position(received_above).map(|h| h.number)
    }

    /// The hop above the header (`received_above - 1`), or the top hop
    /// for a header above every Received header.
    fn by_position(&self, received_above: usize) -> Option<&'h Hop> {
        self.at(received_above.saturating_sub(1))
            .or_else(|| self.hops.first())
    }

    /// The neighbouring hop whose receiver the header names: the one
    /// above, else the one below it; then, for a name in a neighbour's
    /// organisation (`spf.icloud.example` for `mx02.mail.icloud.example`),
    /// that neighbour.
    fn named(&self, name: &str, received_above: usize) -> Option<&'h Hop> {
        let is_named = |h: &&Hop| {
            h.by.host
                .as_deref()
                .is_some_and(|b| b.eq_ignore_ascii_case(name))
        };
        let above = received_above.checked_sub(1).and_then(|i| self.at(i));
        let below = self.at(received_above);
        if let Some(h) = above.filter(is_named).or(below.filter(is_named)) {
            return Some(h);
        }
        let org = organisational_domain(name)?;
        let in_org = |h: &&Hop| {
            h.by.host
                .as_deref()
                .and_then(organisational_domain)
                .is_some_and(|o| o == org)
        };
        above.filter(in_org).or(below.filter(in_org))
    }
}

/// The name a header gives its writer: an authserv-id, or a Received-SPF
/// `receiver=`.
fn writer_name(parsed: &Parsed) -> Option<&str> {
    match parsed {
        Parsed::AuthenticationResults(r) | Parsed::ArcAuthenticationResults(r) => {
            r.authserv_id.as_deref()
        }
        Parsed::ReceivedSpf(s) => s
            .pairs
            .iter()
            .find(|p| p.name == "receiver")
            .map(|p| p.value.as_str()),
        _ => None,
    }
}
