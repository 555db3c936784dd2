//! DKIM keys generated in the test process and messages signed with them,
//! so the DNS tests can publish the public keys in their own zones. No
//! key or signature comes from anywhere else.

#![allow(dead_code)]

use std::sync::OnceLock;

use mail_auth::common::crypto::{Ed25519Key, RsaKey, Sha256, SigningKey};
use mail_auth::common::headers::HeaderWriter;
use mail_auth::dkim::generate::DkimKeyPair;
use mail_auth::dkim::{DkimSigner, Signature};
use rustls_pki_types::{PrivateKeyDer, PrivatePkcs1KeyDer};

/// The headers the test signatures cover.
pub const SIGNED_HEADERS: [&str; 5] = ["From", "To", "Subject", "Date", "Message-ID"];

/// One Ed25519 and one RSA-2048 key pair per test run (RSA generation
/// takes a tenth of a second even with the bignum crate optimised).
struct Pairs {
    ed25519: DkimKeyPair,
    rsa: DkimKeyPair,
}

fn pairs() -> &'static Pairs {
    static PAIRS: OnceLock<Pairs> = OnceLock::new();
    PAIRS.get_or_init(|| Pairs {
        ed25519: DkimKeyPair::generate_ed25519().expect("ed25519 key"),
        rsa: DkimKeyPair::generate_rsa(2048).expect("rsa key"),
    })
}

/// A key, as the signer and as the zone publishes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Ed25519,
    Rsa,
}

impl Key {
    /// The key record's value for a zone file: `v=DKIM1; k=...; p=...`,
    /// cut into quoted strings of at most 255 bytes (an RSA-2048 `p=` is
    /// about 400 characters; resolvers join the strings again).
    pub fn zone_value(self) -> String {
        let (k, pair) = match self {
            Key::Ed25519 => ("ed25519", &pairs().ed25519),
            Key::Rsa => ("rsa", &pairs().rsa),
        };
        let value = format!("v=DKIM1; k={k}; p={}", pair.encoded_public_key());
        value
            .as_bytes()
            .chunks(255)
            .map(|c| format!("\"{}\"", std::str::from_utf8(c).expect("base64 is ASCII")))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Signs `message` (headers and body, CRLF) as `domain` with
    /// `selector`; `expires_in` seconds sets `x=`.
    pub fn sign(
        self,
        message: &str,
        domain: &str,
        selector: &str,
        expires_in: Option<u64>,
    ) -> Signature {
        match self {
            Key::Ed25519 => {
                let key = Ed25519Key::from_pkcs8_der(pairs().ed25519.private_key()).unwrap();
                sign_with(key, message, domain, selector, expires_in)
            }
            Key::Rsa => {
                let der = PrivatePkcs1KeyDer::from(pairs().rsa.private_key().to_vec());
                let key = RsaKey::<Sha256>::from_key_der(PrivateKeyDer::Pkcs1(der)).unwrap();
                sign_with(key, message, domain, selector, expires_in)
            }
        }
    }
}

/// Signs `message` with `key` as `domain`'s `selector`, expiring
/// `expires_in` seconds after signing when given.
fn sign_with<K: SigningKey>(
    key: K,
    message: &str,
    domain: &str,
    selector: &str,
    expires_in: Option<u64>,
) -> Signature {
    let signer = DkimSigner::from_key(key)
        .domain(domain)
        .selector(selector)
        .headers(SIGNED_HEADERS);
    let signer = match expires_in {
        Some(secs) => signer.expiration(secs),
        None => signer,
    };
    signer.sign(message.as_bytes()).expect("signs")
}

/// The DKIM-Signature header line(s) of a signature, CRLF-terminated.
pub fn header(signature: &Signature) -> String {
    signature.to_header()
}
