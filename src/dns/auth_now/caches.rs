//! Keeping mail-auth's SPF evaluation inside the report's limits.
//!
//! mail-auth asks DNS itself, on our resolver (so `--resolver` and the
//! resolver's timeouts apply), but nothing in it knows the report's
//! question cap or deadline. It does consult a cache before every lookup
//! it makes (TXT, MX, A, AAAA, PTR), so the caches here are where the cap
//! is enforced: a miss claims one question from the report's
//! [`Engine`]; when none is left, the cache answers in its place (an
//! error, or no records) so that nothing goes on the wire, and the check
//! is reported as `capped` whatever mail-auth made of the stand-in. Hits
//! are answered from the map and cost nothing. [`Budget::bounded`] adds
//! the deadline and holds one of the shared places for a question in
//! flight (the evaluation asks one question at a time).

use std::borrow::Borrow;
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use mail_auth::{DnsError, DnssecStatus, Error, MX, Parameters, RecordSet, ResolverCache, Txt};

use crate::dns::resolver::Engine;

/// Why a check did not finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// The report's question cap was reached.
    Capped,
    /// The report's deadline passed.
    Timeout,
}

/// The report's engine, seen by one check at a time: it charges the
/// engine for each question and remembers whether one was refused.
pub struct Budget<'e> {
    engine: &'e Engine,
    refused: AtomicBool,
}

impl<'e> Budget<'e> {
    pub fn new(engine: &'e Engine) -> Budget<'e> {
        Budget {
            engine,
            refused: AtomicBool::new(false),
        }
    }

    /// Claims one question; `false` (remembered) when the cap is reached.
    fn charge(&self) -> bool {
        let granted = self.engine.charge();
        if !granted {
            self.refused.store(true, Ordering::Relaxed);
        }
        granted
    }

    /// Runs one check under the report's deadline, holding a place for a
    /// question in flight. Checks run one after another on one budget:
    /// each learns only whether one of its own questions was refused.
    pub async fn bounded<F: Future>(&self, check: F) -> Result<F::Output, Stopped> {
        let run = async {
            let _place = self.engine.in_flight_place().await;
            check.await
        };
        let outcome = tokio::time::timeout_at(self.engine.deadline(), run).await;
        let refused = self.refused.swap(false, Ordering::Relaxed);
        match outcome {
            Err(_) => {
                self.engine.note_deadline_passed();
                Err(Stopped::Timeout)
            }
            Ok(_) if refused => Err(Stopped::Capped),
            Ok(output) => Ok(output),
        }
    }
}

/// What a cache answers for a question the cap forbids.
pub trait StandIn {
    fn stand_in() -> Self;
}

impl StandIn for Txt {
    fn stand_in() -> Txt {
        Txt::Error(Error::Dns(DnsError::Resolver(
            "not asked: the report's question cap was reached".to_string(),
        )))
    }
}

impl<T> StandIn for RecordSet<T> {
    fn stand_in() -> RecordSet<T> {
        RecordSet {
            rrset: Vec::new().into(),
            dnssec_status: DnssecStatus::Indeterminate,
        }
    }
}

/// One of mail-auth's caches, charging the budget on every miss.
pub struct CountingCache<'b, 'e, K, V> {
    budget: &'b Budget<'e>,
    answers: Mutex<HashMap<K, (V, Instant)>>,
}

impl<'b, 'e, K, V> CountingCache<'b, 'e, K, V> {
    fn new(budget: &'b Budget<'e>) -> Self {
        CountingCache {
            budget,
            answers: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Hash + Eq, V: Clone + StandIn> ResolverCache<K, V> for CountingCache<'_, '_, K, V> {
    fn get<Q>(&self, name: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        // A poisoned lock only means another check panicked; the map is still usable.
        let answers = self.answers.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((value, until)) = answers.get(name)
            && *until > Instant::now()
        {
            return Some(value.clone());
        }
        drop(answers);
        // `None` lets mail-auth ask; a stand-in keeps it from asking.
        (!self.budget.charge()).then(V::stand_in)
    }

    fn remove<Q>(&self, name: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let mut answers = self.answers.lock().unwrap_or_else(|e| e.into_inner());
        answers.remove(name).map(|(value, _)| value)
    }

    fn insert(&self, key: K, value: V, valid_until: Instant) {
        // mail-auth stores only what a server answered.
        self.budget.engine.note_answered();
        let mut answers = self.answers.lock().unwrap_or_else(|e| e.into_inner());
        answers.insert(key, (value, valid_until));
    }
}

/// The five caches mail-auth's checks consult, on one budget.
pub struct Caches<'b, 'e> {
    txt: CountingCache<'b, 'e, Box<str>, Txt>,
    mx: CountingCache<'b, 'e, Box<str>, RecordSet<MX>>,
    ipv4: CountingCache<'b, 'e, Box<str>, RecordSet<Ipv4Addr>>,
    ipv6: CountingCache<'b, 'e, Box<str>, RecordSet<Ipv6Addr>>,
    ptr: CountingCache<'b, 'e, IpAddr, RecordSet<Box<str>>>,
}

/// A check's parameters with every lookup going through [`Caches`].
pub type Counted<'x, 'b, 'e, P> = Parameters<
    'x,
    P,
    CountingCache<'b, 'e, Box<str>, Txt>,
    CountingCache<'b, 'e, Box<str>, RecordSet<MX>>,
    CountingCache<'b, 'e, Box<str>, RecordSet<Ipv4Addr>>,
    CountingCache<'b, 'e, Box<str>, RecordSet<Ipv6Addr>>,
    CountingCache<'b, 'e, IpAddr, RecordSet<Box<str>>>,
>;

impl<'b, 'e> Caches<'b, 'e> {
    pub fn new(budget: &'b Budget<'e>) -> Self {
        Caches {
            txt: CountingCache::new(budget),
            mx: CountingCache::new(budget),
            ipv4: CountingCache::new(budget),
            ipv6: CountingCache::new(budget),
            ptr: CountingCache::new(budget),
        }
    }

    /// `params` (SPF parameters, a message...) with these caches.
    pub fn params<'x, P>(&'x self, params: P) -> Counted<'x, 'b, 'e, P> {
        Parameters::new(params)
            .with_txt_cache(&self.txt)
            .with_mx_cache(&self.mx)
            .with_ipv4_cache(&self.ipv4)
            .with_ipv6_cache(&self.ipv6)
            .with_ptr_cache(&self.ptr)
    }
}
