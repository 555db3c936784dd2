//! What the tool knows about large mail providers and filtering gateways:
//! the domains their servers are named under, the networks their relays
//! use, the names of a gateway's receiving hosts. The data is
//! `src/providers.toml`, with its sources and the date it was checked;
//! users add their own operators in the config file (`[[provider]]`
//! tables of the same shape), installed once at start-up.

use std::net::IpAddr;
use std::sync::OnceLock;

use ipnet::IpNet;
use serde::Deserialize;

use crate::host;

/// What an operator does for the mail that reaches the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// It hosts mailboxes (Microsoft 365, Gmail...).
    Mailbox,
    /// It filters mail in front of its customers' own servers.
    Gateway,
}

/// One operator, as the data file describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    pub name: String,
    pub role: Role,
    domains: Vec<String>,
    #[serde(default)]
    networks: Vec<IpNet>,
    #[serde(default)]
    inbound: Vec<String>,
    /// Where the data comes from (the built-in file says; a user's own
    /// entries need not).
    #[serde(default)]
    #[allow(dead_code)]
    sources: Vec<String>,
}

impl Provider {
    /// Whether a host name is under one of the operator's domains.
    pub fn owns_name(&self, name: &str) -> bool {
        host::organisational_domain(name)
            .is_some_and(|org| self.domains.iter().any(|d| d.eq_ignore_ascii_case(&org)))
    }

    /// The operator's network an address is in, if any.
    pub fn network_of(&self, ip: IpAddr) -> Option<IpNet> {
        let ip = ip.to_canonical();
        self.networks.iter().copied().find(|n| n.contains(&ip))
    }

    /// Whether a host name is one of the operator's receiving edge hosts.
    pub fn receives_as(&self, name: &str) -> bool {
        self.inbound.iter().any(|p| name_matches(p, name))
    }
}

#[derive(Deserialize)]
struct Data {
    provider: Vec<Provider>,
}

/// The operators of the built-in data file, read once.
fn built_in() -> &'static [Provider] {
    static PROVIDERS: OnceLock<Vec<Provider>> = OnceLock::new();
    PROVIDERS.get_or_init(|| {
        // The file is part of the program and checked by a test; a parse
        // error cannot reach a user.
        toml::from_str::<Data>(include_str!("providers.toml"))
            .map(|d| d.provider)
            .unwrap_or_default()
    })
}

/// The user's own operators, from the config file.
static INSTALLED: OnceLock<Vec<Provider>> = OnceLock::new();

/// Adds the user's own operators (from the config file) to the built-in
/// ones. Called once, before any message is traced; a second call is
/// ignored.
pub fn install(extra: Vec<Provider>) {
    let _ = INSTALLED.set(extra);
}

/// Every operator: the built-in ones, then the user's.
pub fn all() -> impl Iterator<Item = &'static Provider> {
    built_in()
        .iter()
        .chain(INSTALLED.get().into_iter().flatten())
}

/// The operator whose domains a host name is under.
pub fn by_name(name: &str) -> Option<&'static Provider> {
    all().find(|p| p.owns_name(name))
}

/// Two organisational domains of one operator (or the same domain).
pub fn same_operator(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || all().any(|p| {
            p.domains.iter().any(|d| d.eq_ignore_ascii_case(a))
                && p.domains.iter().any(|d| d.eq_ignore_ascii_case(b))
        })
}

/// `pattern` against a host name: `*` is any run of letters, digits and
/// hyphens; a leading `*.` is one or more whole labels.
fn name_matches(pattern: &str, name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if let Some(suffix) = pattern.strip_prefix("*.") {
        return name
            .match_indices('.')
            .any(|(at, _)| at > 0 && glob(suffix, &name[at + 1..]));
    }
    glob(pattern, &name)
}

/// A glob where `*` never crosses a dot.
fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            let Some(rest) = text.strip_prefix(head) else {
                return false;
            };
            (0..=rest.len())
                .take_while(|&n| n == 0 || rest.as_bytes()[n - 1] != b'.')
                .any(|n| rest.is_char_boundary(n) && glob(tail, &rest[n..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_reads_and_every_entry_is_sourced() {
        let text = include_str!("providers.toml");
        let data: Data = toml::from_str(text).expect("providers.toml parses");
        assert!(data.provider.len() >= 10);
        assert_eq!(built_in().len(), data.provider.len());
        assert!(text.contains("sources = ["));
        assert_eq!(
            text.matches("[[provider]]").count(),
            text.matches("\nsources = [").count()
        );
        for p in built_in() {
            assert!(!p.domains.is_empty(), "{}", p.name);
            if p.role == Role::Gateway {
                assert!(
                    !p.inbound.is_empty(),
                    "{}: a gateway names its receivers",
                    p.name
                );
            }
        }
    }

    #[test]
    fn providers_by_name_and_network() {
        let microsoft = by_name("BN7NAM10FT048.eop-nam10.prod.protection.outlook.com").unwrap();
        assert_eq!(microsoft.name, "Microsoft 365");
        assert!(
            microsoft
                .network_of("2603:10b6:408:fb::21".parse().unwrap())
                .is_some()
        );
        assert!(
            microsoft
                .network_of("40.107.244.73".parse().unwrap())
                .is_some()
        );
        assert!(microsoft.network_of("192.0.2.1".parse().unwrap()).is_none());
        let google = by_name("mail-sor-f41.google.com").unwrap();
        assert!(
            google
                .network_of("209.85.220.41".parse().unwrap())
                .is_some()
        );
        assert!(
            google
                .network_of("::ffff:209.85.220.41".parse().unwrap())
                .is_some()
        );
        assert!(by_name("mx.example.com").is_none());
        assert!(same_operator("gmail.com", "google.com"));
        assert!(same_operator("example.org", "EXAMPLE.org"));
        assert!(!same_operator("yahoo.com", "office365.com"));
    }

    #[test]
    fn gateway_receivers() {
        let proofpoint = by_name("mx0a-00123401.pphosted.com").unwrap();
        assert!(proofpoint.receives_as("mx0a-00123401.pphosted.com"));
        assert!(!proofpoint.receives_as("pps.filterd"));
        let mimecast = by_name("us-smtp-inbound-1.mimecast.com").unwrap();
        assert!(mimecast.receives_as("us-smtp-inbound-1.mimecast.com"));
        assert!(!mimecast.receives_as("us-smtp-delivery-1.mimecast.com"));
        assert!(name_matches(
            "*.ess.barracudanetworks.com",
            "d123.ess.barracudanetworks.com"
        ));
        assert!(name_matches("*.iphmx.com", "mx1.example.iphmx.com"));
        assert!(!name_matches("*.iphmx.com", "iphmx.com"));
        assert!(!name_matches(
            "mx0a-*.pphosted.com",
            "mx0a-1.x.pphosted.com"
        ));
    }
}
