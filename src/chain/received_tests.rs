//! Table-driven tests of the Received parser, one table per MTA family.
//!
//! Every case asserts every field: fields not named in the expectation must
//! be `None` (or `false`), and the quality defaults to `Full`.

use std::collections::HashSet;
use std::net::IpAddr;
use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::*;
use crate::chain::date::parse_date;

/// Expected values; `&str` options so the tables can be `const`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Exp {
    pub(super) helo: Option<&'static str>,
    pub(super) rdns: Option<&'static str>,
    pub(super) ip: Option<&'static str>,
    pub(super) zone: Option<&'static str>,
    pub(super) forged: bool,
    pub(super) ident: Option<&'static str>,
    pub(super) by_host: Option<&'static str>,
    pub(super) by_ip: Option<&'static str>,
    pub(super) via: Option<&'static str>,
    pub(super) with: Option<&'static str>,
    pub(super) id: Option<&'static str>,
    pub(super) for_addr: Option<&'static str>,
    pub(super) env_from: Option<&'static str>,
    pub(super) auth: Option<&'static str>,
    pub(super) tls: Option<&'static str>,
    pub(super) date: Option<&'static str>,
    pub(super) q: ParseQuality,
}

/// Nothing known, quality Full.
pub(super) const D: Exp = Exp {
    helo: None,
    rdns: None,
    ip: None,
    zone: None,
    forged: false,
    ident: None,
    by_host: None,
    by_ip: None,
    via: None,
    with: None,
    id: None,
    for_addr: None,
    env_from: None,
    auth: None,
    tls: None,
    date: None,
    q: ParseQuality::Full,
};

pub(super) type Case = (&'static str, Exp);

fn ip(s: &str) -> IpAddr {
    s.parse()
        .unwrap_or_else(|e| panic!("bad test address {s:?}: {e}"))
}

pub(super) fn expected(e: &Exp) -> Received {
    let own = |v: Option<&str>| v.map(str::to_string);
    Received {
        helo: own(e.helo),
        rdns: own(e.rdns),
        ip: e.ip.map(ip),
        ip_zone: own(e.zone),
        may_be_forged: e.forged,
        ident: own(e.ident),
        by_host: own(e.by_host),
        by_ip: e.by_ip.map(ip),
        via: own(e.via),
        with: own(e.with),
        id: own(e.id),
        for_addr: own(e.for_addr),
        envelope_from: own(e.env_from),
        auth: own(e.auth),
        tls: own(e.tls),
        date_text: own(e.date),
        date: e.date.and_then(|d| parse_date(d).ok()),
        quality: e.q,
    }
}

fn check(family: &str, cases: &[Case]) {
    let mut failures = Vec::new();
    for (line, e) in cases {
        let got = parse_received(line);
        let want = expected(e);
        if got != want {
            failures.push(format!(
                "[{family}] {line:?}\n   got: {got:?}\n  want: {want:?}"
            ));
        }
        if let Some(d) = &want.date_text
            && want.quality == ParseQuality::Full
        {
            assert!(
                parse_date(d).is_ok(),
                "[{family}] date of a Full case does not parse: {d:?}"
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Postfix (and Dovecot LMTP behind it)
// ---------------------------------------------------------------------------

const POSTFIX: &[Case] = &[
    (
        "from mail.example.org (mail.example.org [192.0.2.10]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256) (No client certificate requested) by mx.example.com (Postfix) with ESMTPS id 4ZAbCd1234z5 for <alice@example.com>; Mon, 23 Nov 2026 10:15:02 +0100 (CET)",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.10"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTPS"),
            id: Some("4ZAbCd1234z5"),
            for_addr: Some("alice@example.com"),
            tls: Some("TLSv1.3 TLS_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from client.example.net (unknown [203.0.113.45]) by mx.example.com (Postfix) with ESMTP id 4ZXyZ0w1Lmz9 for <bob@example.com>; Mon, 23 Nov 2026 10:16:40 +0100 (CET)",
        Exp {
            helo: Some("client.example.net"),
            ip: Some("203.0.113.45"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("4ZXyZ0w1Lmz9"),
            for_addr: Some("bob@example.com"),
            date: Some("Mon, 23 Nov 2026 10:16:40 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from [10.0.0.5] (unknown [198.51.100.77]) (Authenticated sender: carol@example.com) by smtp.example.com (Postfix) with ESMTPSA id 4ZQ1r2s3T4v5 for <dave@example.net>; Mon, 23 Nov 2026 09:58:11 +0000 (UTC)",
        Exp {
            helo: Some("[10.0.0.5]"),
            ip: Some("198.51.100.77"),
            by_host: Some("smtp.example.com"),
            with: Some("ESMTPSA"),
            id: Some("4ZQ1r2s3T4v5"),
            for_addr: Some("dave@example.net"),
            auth: Some("carol@example.com"),
            date: Some("Mon, 23 Nov 2026 09:58:11 +0000 (UTC)"),
            ..D
        },
    ),
    (
        "by mail.example.com (Postfix, from userid 1000) id 4ZK9m0PqRsTz; Mon, 23 Nov 2026 10:00:00 +0100 (CET)",
        Exp {
            ident: Some("userid 1000"),
            by_host: Some("mail.example.com"),
            id: Some("4ZK9m0PqRsTz"),
            date: Some("Mon, 23 Nov 2026 10:00:00 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from mail6.example.org (mail6.example.org [IPv6:2001:db8:5::25]) (using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) (No client certificate requested) by mx.example.com (Postfix) with ESMTPS id 4ZT7u8V9w0X1 for <erin@example.com>; Mon, 23 Nov 2026 10:20:00 +0100 (CET)",
        Exp {
            helo: Some("mail6.example.org"),
            rdns: Some("mail6.example.org"),
            ip: Some("2001:db8:5::25"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTPS"),
            id: Some("4ZT7u8V9w0X1"),
            for_addr: Some("erin@example.com"),
            tls: Some("TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384"),
            date: Some("Mon, 23 Nov 2026 10:20:00 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from mx.example.com (mx.example.com [192.0.2.20]) by mailbox.example.com (Postfix) with LMTP id 6A1B2C3D4E for <alice@example.com>; Mon, 23 Nov 2026 10:15:03 +0100 (CET)",
        Exp {
            helo: Some("mx.example.com"),
            rdns: Some("mx.example.com"),
            ip: Some("192.0.2.20"),
            by_host: Some("mailbox.example.com"),
            with: Some("LMTP"),
            id: Some("6A1B2C3D4E"),
            for_addr: Some("alice@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:03 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from mx.example.com by imap.example.com with LMTP id kJ2pAb4QQmYZNwAAYTQ3aw (envelope-from <sender@example.org>) for <alice@example.com>; Mon, 23 Nov 2026 10:15:04 +0100",
        Exp {
            helo: Some("mx.example.com"),
            by_host: Some("imap.example.com"),
            with: Some("LMTP"),
            id: Some("kJ2pAb4QQmYZNwAAYTQ3aw"),
            for_addr: Some("alice@example.com"),
            env_from: Some("sender@example.org"),
            date: Some("Mon, 23 Nov 2026 10:15:04 +0100"),
            ..D
        },
    ),
    (
        "from mx.example.com ([192.0.2.20]) by imap.example.com with LMTPS id 8Pq1MRuTQmYZNwAAYTQ3aw (envelope-from <>) for <alice@example.com>; Mon, 23 Nov 2026 10:15:05 +0100",
        Exp {
            helo: Some("mx.example.com"),
            ip: Some("192.0.2.20"),
            by_host: Some("imap.example.com"),
            with: Some("LMTPS"),
            id: Some("8Pq1MRuTQmYZNwAAYTQ3aw"),
            for_addr: Some("alice@example.com"),
            env_from: Some("<>"),
            date: Some("Mon, 23 Nov 2026 10:15:05 +0100"),
            ..D
        },
    ),
    (
        "from [192.168.1.23] (dsl-198-51-100-9.example.net [198.51.100.9]) (using TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits) key-exchange X25519 server-signature ECDSA (P-256) server-digest SHA256) (No client certificate requested) (Authenticated sender: erin@example.com) by submission.example.com (Postfix) with ESMTPSA id 4ZR2s3T4v5W6; Mon, 23 Nov 2026 09:12:44 +0100 (CET)",
        Exp {
            helo: Some("[192.168.1.23]"),
            rdns: Some("dsl-198-51-100-9.example.net"),
            ip: Some("198.51.100.9"),
            by_host: Some("submission.example.com"),
            with: Some("ESMTPSA"),
            id: Some("4ZR2s3T4v5W6"),
            auth: Some("erin@example.com"),
            tls: Some("TLSv1.3 TLS_AES_128_GCM_SHA256"),
            date: Some("Mon, 23 Nov 2026 09:12:44 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from relay.example.net (relay.example.net [203.0.113.8]) (using TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)) by mx.example.com (Postfix) with ESMTP id 3F4A51C0D2; Sat, 7 Mar 2015 14:03:27 +0000 (GMT)",
        Exp {
            helo: Some("relay.example.net"),
            rdns: Some("relay.example.net"),
            ip: Some("203.0.113.8"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("3F4A51C0D2"),
            tls: Some("TLSv1.0 DHE-RSA-AES256-SHA"),
            date: Some("Sat, 7 Mar 2015 14:03:27 +0000 (GMT)"),
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org [192.0.2.10])\r\n\tby mx.example.com (Postfix) with ESMTP id 4ZAbCd5678\r\n\tfor <alice@example.com>; Mon, 23 Nov 2026 10:15:02 +0100 (CET)\r\n",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.10"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("4ZAbCd5678"),
            for_addr: Some("alice@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from [IPv6:2001:db8::1:5] (unknown [IPv6:2001:db8::1:5]) by mx.example.com (Postfix) with ESMTP id 4ZE1f2G3h4I5 for <frank@example.com>; Mon, 23 Nov 2026 10:21:00 +0100 (CET)",
        Exp {
            helo: Some("[2001:db8::1:5]"),
            ip: Some("2001:db8::1:5"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("4ZE1f2G3h4I5"),
            for_addr: Some("frank@example.com"),
            date: Some("Mon, 23 Nov 2026 10:21:00 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from Mail.Example.ORG. (Mail.Example.ORG [192.0.2.11]) by MX.Example.COM (Postfix) with UTF8SMTPS id 4ZF2g3H4i5J6 for <grace@example.com>; Mon, 23 Nov 2026 10:22:00 +0100 (CET)",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.11"),
            by_host: Some("mx.example.com"),
            with: Some("UTF8SMTPS"),
            id: Some("4ZF2g3H4i5J6"),
            for_addr: Some("grace@example.com"),
            date: Some("Mon, 23 Nov 2026 10:22:00 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from smtp.example.net (smtp.example.net [198.51.100.12]) (using TLSv1.3 with cipher TLS_CHACHA20_POLY1305_SHA256 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (4096 bits) server-digest SHA256) (Client CN \"smtp.example.net\", Issuer \"R11\" (verified OK)) by mx.example.com (Postfix) with ESMTPS id 4ZG3h4I5j6K7 for <heidi@example.com>; Mon, 23 Nov 2026 10:23:00 +0100 (CET)",
        Exp {
            helo: Some("smtp.example.net"),
            rdns: Some("smtp.example.net"),
            ip: Some("198.51.100.12"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTPS"),
            id: Some("4ZG3h4I5j6K7"),
            for_addr: Some("heidi@example.com"),
            tls: Some("TLSv1.3 TLS_CHACHA20_POLY1305_SHA256"),
            date: Some("Mon, 23 Nov 2026 10:23:00 +0100 (CET)"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// Exim
// ---------------------------------------------------------------------------

const EXIM: &[Case] = &[
    (
        "from [192.0.2.33] (helo=client.example.org) by mx.example.com with esmtp (Exim 4.96) (envelope-from <frank@example.org>) id 1tAbCd-000Xyz-3K for grace@example.com; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            helo: Some("client.example.org"),
            ip: Some("192.0.2.33"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("1tAbCd-000Xyz-3K"),
            for_addr: Some("grace@example.com"),
            env_from: Some("frank@example.org"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            ..D
        },
    ),
    (
        "from mail.example.org ([192.0.2.34] helo=mx1.example.org) by mx.example.com with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <heidi@example.org>) id 1tAbCe-000Xz0-1a for ivan@example.com; Mon, 23 Nov 2026 10:16:00 +0100",
        Exp {
            helo: Some("mx1.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.34"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTPS"),
            id: Some("1tAbCe-000Xz0-1a"),
            for_addr: Some("ivan@example.com"),
            env_from: Some("heidi@example.org"),
            tls: Some("TLSv1.3 TLS_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 10:16:00 +0100"),
            ..D
        },
    ),
    (
        "from mail.example.org ([192.0.2.34]:47512 helo=mx1.example.org)\n\tby mx.example.com with esmtp (Exim 4.97)\n\t(envelope-from <heidi@example.org>)\n\tid 1tAbCf-000Xz1-2b\n\tfor ivan@example.com;\n\tMon, 23 Nov 2026 10:16:30 +0100",
        Exp {
            helo: Some("mx1.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.34"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("1tAbCf-000Xz1-2b"),
            for_addr: Some("ivan@example.com"),
            env_from: Some("heidi@example.org"),
            date: Some("Mon, 23 Nov 2026 10:16:30 +0100"),
            ..D
        },
    ),
    (
        "from [198.51.100.50] (port=52814 helo=[192.168.0.2]) by smtp.example.com with esmtpsa (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <judy@example.com>) id 1tAbCg-000Xz2-3c for u@example.net; Mon, 23 Nov 2026 10:17:30 +0100",
        Exp {
            helo: Some("[192.168.0.2]"),
            ip: Some("198.51.100.50"),
            by_host: Some("smtp.example.com"),
            with: Some("ESMTPSA"),
            id: Some("1tAbCg-000Xz2-3c"),
            for_addr: Some("u@example.net"),
            env_from: Some("judy@example.com"),
            auth: Some("authenticated"),
            tls: Some("TLSv1.3 TLS_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 10:17:30 +0100"),
            ..D
        },
    ),
    (
        "from alice by mail.example.com with local (Exim 4.96) (envelope-from <alice@example.com>) id 1tAbCh-000Xz3-4d for bob@example.net; Mon, 23 Nov 2026 10:18:00 +0100",
        Exp {
            ident: Some("alice"),
            by_host: Some("mail.example.com"),
            with: Some("LOCAL"),
            id: Some("1tAbCh-000Xz3-4d"),
            for_addr: Some("bob@example.net"),
            env_from: Some("alice@example.com"),
            date: Some("Mon, 23 Nov 2026 10:18:00 +0100"),
            ..D
        },
    ),
    (
        "from www-data by web.example.com with local (Exim 4.94.2) (envelope-from <www-data@web.example.com>) id 1tAbCi-000Xz4-5e; Mon, 23 Nov 2026 10:18:30 +0100",
        Exp {
            ident: Some("www-data"),
            by_host: Some("web.example.com"),
            with: Some("LOCAL"),
            id: Some("1tAbCi-000Xz4-5e"),
            env_from: Some("www-data@web.example.com"),
            date: Some("Mon, 23 Nov 2026 10:18:30 +0100"),
            ..D
        },
    ),
    (
        "from mail.example.net ([203.0.113.60]) by mx.example.com with esmtps (TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256) (Exim 4.92) (envelope-from <ken@example.net>) id 1hXyZa-0001Ab-Cd for laura@example.com; Tue, 04 Jun 2019 08:12:45 +0200",
        Exp {
            helo: Some("mail.example.net"),
            rdns: Some("mail.example.net"),
            ip: Some("203.0.113.60"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTPS"),
            id: Some("1hXyZa-0001Ab-Cd"),
            for_addr: Some("laura@example.com"),
            env_from: Some("ken@example.net"),
            tls: Some("TLSv1.2 ECDHE_RSA_AES_256_GCM_SHA384"),
            date: Some("Tue, 04 Jun 2019 08:12:45 +0200"),
            ..D
        },
    ),
    (
        "from host.example.org ([192.0.2.35] helo=smtp-out.example.org ident=nobody) by mx.example.com with esmtp (Exim 4.96) (envelope-from <mallory@example.org>) id 1tAbCj-000Xz5-6f for niaj@example.com; Mon, 23 Nov 2026 10:19:00 +0100",
        Exp {
            helo: Some("smtp-out.example.org"),
            rdns: Some("host.example.org"),
            ip: Some("192.0.2.35"),
            ident: Some("nobody"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("1tAbCj-000Xz5-6f"),
            for_addr: Some("niaj@example.com"),
            env_from: Some("mallory@example.org"),
            date: Some("Mon, 23 Nov 2026 10:19:00 +0100"),
            ..D
        },
    ),
    (
        "from olivia by mail.example.com with local-esmtp (Exim 4.96) (envelope-from <olivia@example.com>) id 1tAbCk-000Xz6-7g; Mon, 23 Nov 2026 10:19:30 +0100",
        Exp {
            ident: Some("olivia"),
            by_host: Some("mail.example.com"),
            with: Some("LOCAL-ESMTP"),
            id: Some("1tAbCk-000Xz6-7g"),
            env_from: Some("olivia@example.com"),
            date: Some("Mon, 23 Nov 2026 10:19:30 +0100"),
            ..D
        },
    ),
    (
        "from [198.51.100.51] (port=60112 helo=laptop) by server.example.com with esmtpsa (TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (Exim 4.96.2) (envelope-from <peggy@example.com>) id 1tAbCl-000Xz7-8h; Mon, 23 Nov 2026 10:20:00 +0100",
        Exp {
            helo: Some("laptop"),
            ip: Some("198.51.100.51"),
            by_host: Some("server.example.com"),
            with: Some("ESMTPSA"),
            id: Some("1tAbCl-000Xz7-8h"),
            env_from: Some("peggy@example.com"),
            auth: Some("authenticated"),
            tls: Some("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 10:20:00 +0100"),
            ..D
        },
    ),
    (
        "from [192.0.2.36] (helo=mail.example.org) by mx.example.com with esmtp (Exim 4.96) (envelope-from <>) id 1tAbCm-000Xz8-9i for rupert@example.com; Mon, 23 Nov 2026 10:20:30 +0100",
        Exp {
            helo: Some("mail.example.org"),
            ip: Some("192.0.2.36"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("1tAbCm-000Xz8-9i"),
            for_addr: Some("rupert@example.com"),
            env_from: Some("<>"),
            date: Some("Mon, 23 Nov 2026 10:20:30 +0100"),
            ..D
        },
    ),
    (
        "from [198.51.100.52] (port=51000 helo=[192.168.1.5]) by server.example.com with esmtpsa (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96.2) (envelope-from <quinn@example.com>) (Authenticated sender: quinn@example.com) id 1tAbCo-000Y00-1k for rob@example.net; Mon, 23 Nov 2026 10:21:00 +0100",
        Exp {
            helo: Some("[192.168.1.5]"),
            ip: Some("198.51.100.52"),
            by_host: Some("server.example.com"),
            with: Some("ESMTPSA"),
            id: Some("1tAbCo-000Y00-1k"),
            for_addr: Some("rob@example.net"),
            env_from: Some("quinn@example.com"),
            auth: Some("quinn@example.com"),
            tls: Some("TLSv1.3 TLS_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 10:21:00 +0100"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// Sendmail
// ---------------------------------------------------------------------------

const SENDMAIL: &[Case] = &[
    (
        "(from peggy@localhost) by host.example.com (8.17.1/8.17.1/Submit) id 5ANAF2xK012345; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            ident: Some("peggy@localhost"),
            by_host: Some("host.example.com"),
            id: Some("5ANAF2xK012345"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            ..D
        },
    ),
    (
        "from relay.example.org (relay.example.org [192.0.2.50]) by mx.example.com (8.17.1/8.17.1) with ESMTPS id 5ANAF3aB012346 (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT) for <quentin@example.com>; Mon, 23 Nov 2026 10:15:03 +0100",
        Exp {
            helo: Some("relay.example.org"),
            rdns: Some("relay.example.org"),
            ip: Some("192.0.2.50"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTPS"),
            id: Some("5ANAF3aB012346"),
            for_addr: Some("quentin@example.com"),
            tls: Some("TLSv1.3 TLS_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 10:15:03 +0100"),
            ..D
        },
    ),
    (
        "from laptop.example.net (dsl-203-0-113-7.example.net [203.0.113.7]) (authenticated bits=0) by smtp.example.com (8.17.1/8.17.1) with ESMTPSA id 5ANAF4cD012347 (version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NO) for <rupert@example.org>; Mon, 23 Nov 2026 10:15:04 +0100",
        Exp {
            helo: Some("laptop.example.net"),
            rdns: Some("dsl-203-0-113-7.example.net"),
            ip: Some("203.0.113.7"),
            by_host: Some("smtp.example.com"),
            with: Some("ESMTPSA"),
            id: Some("5ANAF4cD012347"),
            for_addr: Some("rupert@example.org"),
            auth: Some("authenticated"),
            tls: Some("TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384"),
            date: Some("Mon, 23 Nov 2026 10:15:04 +0100"),
            ..D
        },
    ),
    (
        "from client.example.net (client.example.net [198.51.100.60]) (authenticated as sybil) by smtp.example.com (8.16.1/8.16.1) with ESMTPA id 5ANAF5eF012348 for <trent@example.com>; Mon, 23 Nov 2026 10:15:05 +0100",
        Exp {
            helo: Some("client.example.net"),
            rdns: Some("client.example.net"),
            ip: Some("198.51.100.60"),
            by_host: Some("smtp.example.com"),
            with: Some("ESMTPA"),
            id: Some("5ANAF5eF012348"),
            for_addr: Some("trent@example.com"),
            auth: Some("sybil"),
            date: Some("Mon, 23 Nov 2026 10:15:05 +0100"),
            ..D
        },
    ),
    (
        "from mx.example.net (host-203-0-113-99.example.org [203.0.113.99] (may be forged)) by mx.example.com (8.17.1/8.17.1) with ESMTP id 5ANAF6gH012349 for <trent@example.com>; Mon, 23 Nov 2026 10:15:06 +0100",
        Exp {
            helo: Some("mx.example.net"),
            rdns: Some("host-203-0-113-99.example.org"),
            ip: Some("203.0.113.99"),
            forged: true,
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("5ANAF6gH012349"),
            for_addr: Some("trent@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:06 +0100"),
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org [192.0.2.51]) by mx.example.com (8.15.2/8.15.2) with ESMTP id 5ANAF7iJ012350 (envelope-from <victor@example.org>); Mon, 23 Nov 2026 10:15:07 +0100",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.51"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("5ANAF7iJ012350"),
            env_from: Some("victor@example.org"),
            date: Some("Mon, 23 Nov 2026 10:15:07 +0100"),
            ..D
        },
    ),
    (
        "from helo.example.org (walter@host.example.org [192.0.2.52]) by mx.example.com (8.17.1/8.17.1) with SMTP id 5ANAF8kL012351; Mon, 23 Nov 2026 10:15:08 +0100",
        Exp {
            helo: Some("helo.example.org"),
            rdns: Some("host.example.org"),
            ip: Some("192.0.2.52"),
            ident: Some("walter"),
            by_host: Some("mx.example.com"),
            with: Some("SMTP"),
            id: Some("5ANAF8kL012351"),
            date: Some("Mon, 23 Nov 2026 10:15:08 +0100"),
            ..D
        },
    ),
    (
        "from host.example.com (localhost [127.0.0.1]) by host.example.com (8.17.1/8.17.1) with ESMTP id 5ANAF9mN012352 for <xena@example.com>; Mon, 23 Nov 2026 10:15:09 +0100",
        Exp {
            helo: Some("host.example.com"),
            rdns: Some("localhost"),
            ip: Some("127.0.0.1"),
            by_host: Some("host.example.com"),
            with: Some("ESMTP"),
            id: Some("5ANAF9mN012352"),
            for_addr: Some("xena@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:09 +0100"),
            ..D
        },
    ),
    (
        "from [192.0.2.53] ([192.0.2.53] (may be forged)) by mx.example.com (8.14.7/8.14.7) with ESMTP id tA1BcDeF003456; Mon, 23 Nov 2026 10:15:10 +0100",
        Exp {
            helo: Some("[192.0.2.53]"),
            ip: Some("192.0.2.53"),
            forged: true,
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("tA1BcDeF003456"),
            date: Some("Mon, 23 Nov 2026 10:15:10 +0100"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// qmail
// ---------------------------------------------------------------------------

const QMAIL: &[Case] = &[
    (
        "(qmail 1234 invoked from network); 23 Nov 2026 09:15:02 -0000",
        Exp {
            date: Some("23 Nov 2026 09:15:02 -0000"),
            ..D
        },
    ),
    (
        "(qmail 1234 invoked by uid 89); 23 Nov 2026 09:15:02 -0000",
        Exp {
            ident: Some("uid 89"),
            date: Some("23 Nov 2026 09:15:02 -0000"),
            ..D
        },
    ),
    (
        "from unknown (HELO mx.example.org) (192.0.2.70) by mail.example.com with SMTP; 23 Nov 2026 09:15:03 -0000",
        Exp {
            helo: Some("mx.example.org"),
            ip: Some("192.0.2.70"),
            by_host: Some("mail.example.com"),
            with: Some("SMTP"),
            date: Some("23 Nov 2026 09:15:03 -0000"),
            ..D
        },
    ),
    (
        "from mail.example.org (HELO mx) (192.0.2.71) by mail.example.com with ESMTPA; 23 Nov 2026 09:15:04 -0000",
        Exp {
            helo: Some("mx"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.71"),
            by_host: Some("mail.example.com"),
            with: Some("ESMTPA"),
            auth: Some("authenticated"),
            date: Some("23 Nov 2026 09:15:04 -0000"),
            ..D
        },
    ),
    (
        "from host.example.org (HELO mail.example.org) (zack@192.0.2.72) by mail.example.com with SMTP; 23 Nov 2026 09:15:05 -0000",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("host.example.org"),
            ip: Some("192.0.2.72"),
            ident: Some("zack"),
            by_host: Some("mail.example.com"),
            with: Some("SMTP"),
            date: Some("23 Nov 2026 09:15:05 -0000"),
            ..D
        },
    ),
    (
        "from mail.example.org (192.0.2.73) by mail.example.com with SMTP; 23 Nov 2026 09:15:06 -0000",
        Exp {
            helo: Some("mail.example.org"),
            ip: Some("192.0.2.73"),
            by_host: Some("mail.example.com"),
            with: Some("SMTP"),
            date: Some("23 Nov 2026 09:15:06 -0000"),
            ..D
        },
    ),
    (
        "(qmail 5678 invoked by alias); 23 Nov 2026 09:15:07 -0000",
        Exp {
            ident: Some("alias"),
            date: Some("23 Nov 2026 09:15:07 -0000"),
            ..D
        },
    ),
    (
        "from unknown (HELO [192.0.2.74]) (203.0.113.74) by mail.example.com with ESMTPS (DHE-RSA-AES256-GCM-SHA384 encrypted); 23 Nov 2026 09:15:08 -0000",
        Exp {
            helo: Some("[192.0.2.74]"),
            ip: Some("203.0.113.74"),
            by_host: Some("mail.example.com"),
            with: Some("ESMTPS"),
            tls: Some("DHE-RSA-AES256-GCM-SHA384"),
            date: Some("23 Nov 2026 09:15:08 -0000"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// Microsoft Exchange / Office 365 / IIS
// ---------------------------------------------------------------------------

const EXCHANGE: &[Case] = &[
    (
        "from AM6PR01MB1234.eurprd01.prod.exchangelabs.example (2001:db8:10b6:806::15) by AM6PR01MB5678.eurprd01.prod.exchangelabs.example (2001:db8:10b6:806::20) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7452.28 via Frontend Transport; Mon, 23 Nov 2026 09:15:02 +0000",
        Exp {
            helo: Some("am6pr01mb1234.eurprd01.prod.exchangelabs.example"),
            ip: Some("2001:db8:10b6:806::15"),
            by_host: Some("am6pr01mb5678.eurprd01.prod.exchangelabs.example"),
            by_ip: Some("2001:db8:10b6:806::20"),
            via: Some("Frontend Transport"),
            with: Some("ESMTPS"),
            id: Some("15.20.7452.28"),
            tls: Some("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 09:15:02 +0000"),
            ..D
        },
    ),
    (
        "from AM6PR01MB1234.eurprd01.prod.exchangelabs.example ([2001:db8:10b6:806::15%4]) by AM6PR01MB1234.eurprd01.prod.exchangelabs.example ([2001:db8:10b6:806::15%4]) with mapi id 15.20.7452.028; Mon, 23 Nov 2026 09:15:01 +0000",
        Exp {
            helo: Some("am6pr01mb1234.eurprd01.prod.exchangelabs.example"),
            ip: Some("2001:db8:10b6:806::15"),
            zone: Some("4"),
            by_host: Some("am6pr01mb1234.eurprd01.prod.exchangelabs.example"),
            by_ip: Some("2001:db8:10b6:806::15"),
            with: Some("MAPI"),
            id: Some("15.20.7452.028"),
            date: Some("Mon, 23 Nov 2026 09:15:01 +0000"),
            ..D
        },
    ),
    (
        "from EXCH01.corp.example.com (192.0.2.10) by EXCH02.corp.example.com (198.51.100.11) with Microsoft SMTP Server id 15.1.2507.35; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            helo: Some("exch01.corp.example.com"),
            ip: Some("192.0.2.10"),
            by_host: Some("exch02.corp.example.com"),
            by_ip: Some("198.51.100.11"),
            with: Some("ESMTP"),
            id: Some("15.1.2507.35"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            ..D
        },
    ),
    (
        "from EXCH01.corp.example.com (192.0.2.10) by EXCH02.corp.example.com (192.0.2.11) with Microsoft SMTP Server (TLS) id 14.3.498.0; Mon, 23 Nov 2026 10:15:03 +0100",
        Exp {
            helo: Some("exch01.corp.example.com"),
            ip: Some("192.0.2.10"),
            by_host: Some("exch02.corp.example.com"),
            by_ip: Some("192.0.2.11"),
            with: Some("ESMTPS"),
            id: Some("14.3.498.0"),
            date: Some("Mon, 23 Nov 2026 10:15:03 +0100"),
            ..D
        },
    ),
    (
        "from EXCH01.corp.example.com (192.0.2.10) by EXCH02.corp.example.com (192.0.2.11) with Microsoft SMTP Server\r\n (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384) id\r\n 15.1.2507.35 via Mailbox Transport; Mon, 23 Nov 2026 10:15:04 +0100",
        Exp {
            helo: Some("exch01.corp.example.com"),
            ip: Some("192.0.2.10"),
            by_host: Some("exch02.corp.example.com"),
            by_ip: Some("192.0.2.11"),
            via: Some("Mailbox Transport"),
            with: Some("ESMTPS"),
            id: Some("15.1.2507.35"),
            tls: Some("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384_P384"),
            date: Some("Mon, 23 Nov 2026 10:15:04 +0100"),
            ..D
        },
    ),
    (
        "from mail.example.org (192.0.2.90) by DB5EUR01FT012.mail.protection.outlook.example (198.51.100.101) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.7452.22 via Frontend Transport; Mon, 23 Nov 2026 09:15:00 +0000",
        Exp {
            helo: Some("mail.example.org"),
            ip: Some("192.0.2.90"),
            by_host: Some("db5eur01ft012.mail.protection.outlook.example"),
            by_ip: Some("198.51.100.101"),
            via: Some("Frontend Transport"),
            with: Some("ESMTPS"),
            id: Some("15.20.7452.22"),
            tls: Some("TLSv1.3 TLS_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 09:15:00 +0000"),
            ..D
        },
    ),
    (
        "from AM0PR10CA0001.EURPRD10.PROD.OUTLOOK.EXAMPLE (2001:db8:208:12c::11) by AM6PR01MB1234.eurprd01.prod.exchangelabs.example (2001:db8:10b6:806::15) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7452.28; Mon, 23 Nov 2026 09:14:59 +0000",
        Exp {
            helo: Some("am0pr10ca0001.eurprd10.prod.outlook.example"),
            ip: Some("2001:db8:208:12c::11"),
            by_host: Some("am6pr01mb1234.eurprd01.prod.exchangelabs.example"),
            by_ip: Some("2001:db8:10b6:806::15"),
            with: Some("ESMTPS"),
            id: Some("15.20.7452.28"),
            tls: Some("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 09:14:59 +0000"),
            ..D
        },
    ),
    (
        "from mail.example.org ([192.0.2.91]) by iis.example.com with Microsoft SMTPSVC(6.0.3790.4675); Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            helo: Some("mail.example.org"),
            ip: Some("192.0.2.91"),
            by_host: Some("iis.example.com"),
            with: Some("ESMTP"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            ..D
        },
    ),
    (
        "from NAM12-BN8-obe.outbound.protection.outlook.example (mail-bn8nam12on2101.outbound.protection.outlook.example [198.51.100.102]) by mx.example.com (Postfix) with ESMTPS id 4ZH4i5J6k7L8 for <alice@example.com>; Mon, 23 Nov 2026 10:15:05 +0100 (CET)",
        Exp {
            helo: Some("nam12-bn8-obe.outbound.protection.outlook.example"),
            rdns: Some("mail-bn8nam12on2101.outbound.protection.outlook.example"),
            ip: Some("198.51.100.102"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTPS"),
            id: Some("4ZH4i5J6k7L8"),
            for_addr: Some("alice@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:05 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from EXCH01.corp.example.com ([2001:db8:10::1]) by EXCH01.corp.example.com ([2001:db8:10::1]) with mapi; Mon, 23 Nov 2026 10:15:06 +0100",
        Exp {
            helo: Some("exch01.corp.example.com"),
            ip: Some("2001:db8:10::1"),
            by_host: Some("exch01.corp.example.com"),
            by_ip: Some("2001:db8:10::1"),
            with: Some("MAPI"),
            date: Some("Mon, 23 Nov 2026 10:15:06 +0100"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// Gmail
// ---------------------------------------------------------------------------

const GMAIL: &[Case] = &[
    (
        "from mail-sor-f41.google.example (mail-sor-f41.google.example. [198.51.100.41]) by mx.google.example with SMTPS id a640c23a62f3a-abc123def456sor4567890.2026.11.23.02.15.02 for <alice@example.com> (Google Transport Security); Mon, 23 Nov 2026 02:15:02 -0800 (PST)",
        Exp {
            helo: Some("mail-sor-f41.google.example"),
            rdns: Some("mail-sor-f41.google.example"),
            ip: Some("198.51.100.41"),
            by_host: Some("mx.google.example"),
            with: Some("SMTPS"),
            id: Some("a640c23a62f3a-abc123def456sor4567890.2026.11.23.02.15.02"),
            for_addr: Some("alice@example.com"),
            date: Some("Mon, 23 Nov 2026 02:15:02 -0800 (PST)"),
            ..D
        },
    ),
    (
        "by 2001:db8:6402:1234::5 with SMTP id 5b1f17b1804b1-43d2f1e2a3bv6si123456.2026.11.23.02.15.03; Mon, 23 Nov 2026 02:15:03 -0800 (PST)",
        Exp {
            by_ip: Some("2001:db8:6402:1234::5"),
            with: Some("SMTP"),
            id: Some("5b1f17b1804b1-43d2f1e2a3bv6si123456.2026.11.23.02.15.03"),
            date: Some("Mon, 23 Nov 2026 02:15:03 -0800 (PST)"),
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org. [198.51.100.7]) by mx.google.example with ESMTPS id d75a77b69052e-4af0c1d2e3fsi1234567.2026.11.23.02.15.04 for <alice@example.com> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Mon, 23 Nov 2026 02:15:04 -0800 (PST)",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("198.51.100.7"),
            by_host: Some("mx.google.example"),
            with: Some("ESMTPS"),
            id: Some("d75a77b69052e-4af0c1d2e3fsi1234567.2026.11.23.02.15.04"),
            for_addr: Some("alice@example.com"),
            tls: Some("TLSv1.3 TLS_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 02:15:04 -0800 (PST)"),
            ..D
        },
    ),
    (
        "from mail.example.org (google.example: domain of bounce@example.org designates 203.0.113.99 as permitted sender) (mail.example.org. [198.51.100.8]) by mx.google.example with ESMTPS id x12si345678.2026.11.23.02.15.05 for <alice@example.com>; Mon, 23 Nov 2026 02:15:05 -0800 (PST)",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("198.51.100.8"),
            by_host: Some("mx.google.example"),
            with: Some("ESMTPS"),
            id: Some("x12si345678.2026.11.23.02.15.05"),
            for_addr: Some("alice@example.com"),
            date: Some("Mon, 23 Nov 2026 02:15:05 -0800 (PST)"),
            ..D
        },
    ),
    (
        "from laptop.example.net ([2001:db8:1::1]) by smtp.gmail.example with ESMTPSA id 5b1f17b1804b1-43d2f1e2a3bsm1234567f8a.12.2026.11.23.02.15.05 for <bob@example.net> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Mon, 23 Nov 2026 02:15:05 -0800 (PST)",
        Exp {
            helo: Some("laptop.example.net"),
            ip: Some("2001:db8:1::1"),
            by_host: Some("smtp.gmail.example"),
            with: Some("ESMTPSA"),
            id: Some("5b1f17b1804b1-43d2f1e2a3bsm1234567f8a.12.2026.11.23.02.15.05"),
            for_addr: Some("bob@example.net"),
            auth: Some("authenticated"),
            tls: Some("TLSv1.3 TLS_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 02:15:05 -0800 (PST)"),
            ..D
        },
    ),
    (
        "by 2001:db8:7300:1234:b0:1ab:cd:ef with HTTP; Mon, 23 Nov 2026 02:15:06 -0800 (PST)",
        Exp {
            by_ip: Some("2001:db8:7300:1234:b0:1ab:cd:ef"),
            with: Some("HTTP"),
            date: Some("Mon, 23 Nov 2026 02:15:06 -0800 (PST)"),
            ..D
        },
    ),
    (
        "from mail-yw1-f170.google.example (mail-yw1-f170.google.example [198.51.100.170]) by mx.example.com (Postfix) with ESMTPS id 4ZJ5k6L7m8N9 for <carol@example.com>; Mon, 23 Nov 2026 11:15:07 +0100 (CET)",
        Exp {
            helo: Some("mail-yw1-f170.google.example"),
            rdns: Some("mail-yw1-f170.google.example"),
            ip: Some("198.51.100.170"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTPS"),
            id: Some("4ZJ5k6L7m8N9"),
            for_addr: Some("carol@example.com"),
            date: Some("Mon, 23 Nov 2026 11:15:07 +0100 (CET)"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// Yahoo
// ---------------------------------------------------------------------------

const YAHOO: &[Case] = &[
    (
        "from sonic302-2.consmr.mail.ne1.yahoo.example by sonic302.consmr.mail.ne1.yahoo.example with HTTP; Mon, 23 Nov 2026 09:15:02 +0000",
        Exp {
            helo: Some("sonic302-2.consmr.mail.ne1.yahoo.example"),
            by_host: Some("sonic302.consmr.mail.ne1.yahoo.example"),
            with: Some("HTTP"),
            date: Some("Mon, 23 Nov 2026 09:15:02 +0000"),
            ..D
        },
    ),
    (
        "by hermes--production-bf1-5b7c9d8f4-abcde (Yahoo Inc. Hermes SMTP Server) with ESMTPA ID 0123456789abcdef0123456789abcdef; Mon, 23 Nov 2026 09:15:03 +0000 (UTC)",
        Exp {
            by_host: Some("hermes--production-bf1-5b7c9d8f4-abcde"),
            with: Some("ESMTPA"),
            id: Some("0123456789abcdef0123456789abcdef"),
            auth: Some("authenticated"),
            date: Some("Mon, 23 Nov 2026 09:15:03 +0000 (UTC)"),
            ..D
        },
    ),
    (
        "from 198.51.100.200 by web12345.mail.bf1.yahoo.example via HTTP; Mon, 23 Nov 2026 01:15:04 PST",
        Exp {
            ip: Some("198.51.100.200"),
            by_host: Some("web12345.mail.bf1.yahoo.example"),
            via: Some("HTTP"),
            date: Some("Mon, 23 Nov 2026 01:15:04 PST"),
            ..D
        },
    ),
    (
        "from 203.0.113.75 (EHLO mail.example.org) (192.0.2.95) by mta1234.mail.gq1.yahoo.example with SMTPS; Mon, 23 Nov 2026 09:15:05 +0000",
        Exp {
            helo: Some("mail.example.org"),
            ip: Some("192.0.2.95"),
            by_host: Some("mta1234.mail.gq1.yahoo.example"),
            with: Some("SMTPS"),
            date: Some("Mon, 23 Nov 2026 09:15:05 +0000"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// Amazon SES
// ---------------------------------------------------------------------------

const SES: &[Case] = &[
    (
        "from a8-12.smtp-out.amazonses.example (a8-12.smtp-out.amazonses.example. [203.0.113.12]) by mx.example.com (Postfix) with ESMTPS id 4ZB2c3D4e5F6 for <alice@example.com>; Mon, 23 Nov 2026 10:15:02 +0100 (CET)",
        Exp {
            helo: Some("a8-12.smtp-out.amazonses.example"),
            rdns: Some("a8-12.smtp-out.amazonses.example"),
            ip: Some("203.0.113.12"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTPS"),
            id: Some("4ZB2c3D4e5F6"),
            for_addr: Some("alice@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from e226-12.smtp-out.us-west-2.amazonses.example (e226-12.smtp-out.us-west-2.amazonses.example [203.0.113.226]) by inbound-smtp.us-west-2.amazonaws.example with SMTP id 0abc1def2ghi3jkl4mno5pqr6stu7vwx8yz9ab01 for alice@example.com; Mon, 23 Nov 2026 09:15:02 +0000 (UTC)",
        Exp {
            helo: Some("e226-12.smtp-out.us-west-2.amazonses.example"),
            rdns: Some("e226-12.smtp-out.us-west-2.amazonses.example"),
            ip: Some("203.0.113.226"),
            by_host: Some("inbound-smtp.us-west-2.amazonaws.example"),
            with: Some("SMTP"),
            id: Some("0abc1def2ghi3jkl4mno5pqr6stu7vwx8yz9ab01"),
            for_addr: Some("alice@example.com"),
            date: Some("Mon, 23 Nov 2026 09:15:02 +0000 (UTC)"),
            ..D
        },
    ),
    (
        "from a9-30.smtp-out.amazonses.example (a9-30.smtp-out.amazonses.example. [203.0.113.30]) by mx.google.example with ESMTPS id af79cd13be357-7b1a2c3d4e5si123456.2026.11.23.01.15.03 for <bob@example.net> (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128); Mon, 23 Nov 2026 01:15:03 -0800 (PST)",
        Exp {
            helo: Some("a9-30.smtp-out.amazonses.example"),
            rdns: Some("a9-30.smtp-out.amazonses.example"),
            ip: Some("203.0.113.30"),
            by_host: Some("mx.google.example"),
            with: Some("ESMTPS"),
            id: Some("af79cd13be357-7b1a2c3d4e5si123456.2026.11.23.01.15.03"),
            for_addr: Some("bob@example.net"),
            tls: Some("TLSv1.3 TLS_AES_128_GCM_SHA256"),
            date: Some("Mon, 23 Nov 2026 01:15:03 -0800 (PST)"),
            ..D
        },
    ),
    (
        "from e234-5.smtp-out.eu-west-1.amazonses.example (e234-5.smtp-out.eu-west-1.amazonses.example [2001:db8:2b0::5]) by mx.example.com (Postfix) with ESMTPS id 4ZK6l7M8n9O0 for <carol@example.com>; Mon, 23 Nov 2026 10:15:04 +0100 (CET)",
        Exp {
            helo: Some("e234-5.smtp-out.eu-west-1.amazonses.example"),
            rdns: Some("e234-5.smtp-out.eu-west-1.amazonses.example"),
            ip: Some("2001:db8:2b0::5"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTPS"),
            id: Some("4ZK6l7M8n9O0"),
            for_addr: Some("carol@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:04 +0100 (CET)"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// Zimbra / amavis
// ---------------------------------------------------------------------------

const ZIMBRA: &[Case] = &[
    (
        "from localhost (localhost [127.0.0.1]) by zimbra.example.com (Postfix) with ESMTP id 8C1D2E3F4A; Mon, 23 Nov 2026 10:15:02 +0100 (CET)",
        Exp {
            helo: Some("localhost"),
            rdns: Some("localhost"),
            ip: Some("127.0.0.1"),
            by_host: Some("zimbra.example.com"),
            with: Some("ESMTP"),
            id: Some("8C1D2E3F4A"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from zimbra.example.com ([127.0.0.1]) by localhost (zimbra.example.com [127.0.0.1]) (amavisd-new, port 10032) with ESMTP id Yx1ZaBcDeFgH; Mon, 23 Nov 2026 10:15:02 +0100 (CET)",
        Exp {
            helo: Some("zimbra.example.com"),
            ip: Some("127.0.0.1"),
            by_host: Some("localhost"),
            by_ip: Some("127.0.0.1"),
            with: Some("ESMTP"),
            id: Some("Yx1ZaBcDeFgH"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from zimbra.example.com ([127.0.0.1]) by localhost (zimbra.example.com [127.0.0.1]) (amavisd-new, port 10026) with ESMTP id Ab12Cd34Ef56 for <alice@example.com>; Mon, 23 Nov 2026 10:15:01 +0100 (CET)",
        Exp {
            helo: Some("zimbra.example.com"),
            ip: Some("127.0.0.1"),
            by_host: Some("localhost"),
            by_ip: Some("127.0.0.1"),
            with: Some("ESMTP"),
            id: Some("Ab12Cd34Ef56"),
            for_addr: Some("alice@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:01 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from zimbra.example.com (LHLO zimbra.example.com) (192.0.2.101) by zimbra.example.com with LMTP; Mon, 23 Nov 2026 10:15:03 +0100 (CET)",
        Exp {
            helo: Some("zimbra.example.com"),
            rdns: Some("zimbra.example.com"),
            ip: Some("192.0.2.101"),
            by_host: Some("zimbra.example.com"),
            with: Some("LMTP"),
            date: Some("Mon, 23 Nov 2026 10:15:03 +0100 (CET)"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// Courier
// ---------------------------------------------------------------------------

const COURIER: &[Case] = &[
    (
        "from mail.example.org (mail.example.org [::ffff:192.0.2.7]) (AUTH: LOGIN user@example.org, TLS: TLSv1.3,256bits,TLS_AES_256_GCM_SHA384) by courier.example.com with ESMTPSA; Tue, 05 Mar 2024 10:00:00 +0100 id 000A1B2C.65F0D1E2.00001234",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.7"),
            by_host: Some("courier.example.com"),
            with: Some("ESMTPSA"),
            id: Some("000A1B2C.65F0D1E2.00001234"),
            auth: Some("user@example.org"),
            tls: Some("TLSv1.3 TLS_AES_256_GCM_SHA384"),
            date: Some("Tue, 05 Mar 2024 10:00:00 +0100"),
            ..D
        },
    ),
    (
        "from mx.example.net (mx.example.net [::ffff:203.0.113.20])\n  (TLS: TLSv1.2,128bits,ECDHE-RSA-AES128-GCM-SHA256)\n  by courier.example.com with ESMTPS; Tue, 05 Mar 2024 10:00:05 +0100\n  id 000A1B2D.65F0D1E7.00001240",
        Exp {
            helo: Some("mx.example.net"),
            rdns: Some("mx.example.net"),
            ip: Some("203.0.113.20"),
            by_host: Some("courier.example.com"),
            with: Some("ESMTPS"),
            id: Some("000A1B2D.65F0D1E7.00001240"),
            tls: Some("TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256"),
            date: Some("Tue, 05 Mar 2024 10:00:05 +0100"),
            ..D
        },
    ),
    (
        "from localhost (localhost [::1]) by courier.example.com with ESMTP; Tue, 05 Mar 2024 10:00:06 +0100 id 000A1B2E.65F0D1E8.00001241",
        Exp {
            helo: Some("localhost"),
            rdns: Some("localhost"),
            ip: Some("::1"),
            by_host: Some("courier.example.com"),
            with: Some("ESMTP"),
            id: Some("000A1B2E.65F0D1E8.00001241"),
            date: Some("Tue, 05 Mar 2024 10:00:06 +0100"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// MDaemon, Lotus/HCL Domino
// ---------------------------------------------------------------------------

const MDAEMON: &[Case] = &[
    (
        "from mail.example.org by mdaemon.example.com (MDaemon PRO v23.5.1) with ESMTPS id md5001001234567.msg for <u@example.com>; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            helo: Some("mail.example.org"),
            by_host: Some("mdaemon.example.com"),
            with: Some("ESMTPS"),
            id: Some("md5001001234567.msg"),
            for_addr: Some("u@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org [192.0.2.110]) by mdaemon.example.com (MDaemon PRO v23.5.1) with ESMTPS id md5001001234568.msg for <u@example.com>; Mon, 23 Nov 2026 10:15:03 +0100",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.110"),
            by_host: Some("mdaemon.example.com"),
            with: Some("ESMTPS"),
            id: Some("md5001001234568.msg"),
            for_addr: Some("u@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:03 +0100"),
            ..D
        },
    ),
    (
        "from [198.51.100.111] by mdaemon.example.com (MDaemon PRO v23.5.1) with ESMTPSA id md5001001234569.msg for <v@example.net>; Mon, 23 Nov 2026 10:15:04 +0100",
        Exp {
            helo: Some("[198.51.100.111]"),
            ip: Some("198.51.100.111"),
            by_host: Some("mdaemon.example.com"),
            with: Some("ESMTPSA"),
            id: Some("md5001001234569.msg"),
            for_addr: Some("v@example.net"),
            auth: Some("authenticated"),
            date: Some("Mon, 23 Nov 2026 10:15:04 +0100"),
            ..D
        },
    ),
];

const DOMINO: &[Case] = &[
    (
        "from domino.example.com ([192.0.2.40]) by notes.example.com (Lotus Domino Release 9.0.1FP10) with ESMTP id 2026112310153012-345 ; Mon, 23 Nov 2026 10:15:30 +0100",
        Exp {
            helo: Some("domino.example.com"),
            ip: Some("192.0.2.40"),
            by_host: Some("notes.example.com"),
            with: Some("ESMTP"),
            id: Some("2026112310153012-345"),
            date: Some("Mon, 23 Nov 2026 10:15:30 +0100"),
            ..D
        },
    ),
    (
        "from notes.example.com ([192.0.2.41]) by hcl.example.com (HCL Domino Release 12.0.2) with ESMTP id 2026112310153099-456 ; Mon, 23 Nov 2026 10:15:31 +0100",
        Exp {
            helo: Some("notes.example.com"),
            ip: Some("192.0.2.41"),
            by_host: Some("hcl.example.com"),
            with: Some("ESMTP"),
            id: Some("2026112310153099-456"),
            date: Some("Mon, 23 Nov 2026 10:15:31 +0100"),
            ..D
        },
    ),
    (
        "from notes.example.com ([192.0.2.42]) by domino.example.com (Lotus Domino Release 8.5.3FP6) with ESMTP id 2015030714032712-789 ; 7 Mar 2015 14:03:27 +0100",
        Exp {
            helo: Some("notes.example.com"),
            ip: Some("192.0.2.42"),
            by_host: Some("domino.example.com"),
            with: Some("ESMTP"),
            id: Some("2015030714032712-789"),
            date: Some("7 Mar 2015 14:03:27 +0100"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// Security gateways: Proofpoint, Mimecast, Barracuda
// ---------------------------------------------------------------------------

const PROOFPOINT: &[Case] = &[
    (
        "from pps.filterd (m0123456.ppops.example [127.0.0.1]) by mx0a-00123401.pphosted.example (8.17.1.19/8.17.1.19) with SMTP id 5ANAFx1a012345; Mon, 23 Nov 2026 03:15:02 -0600",
        Exp {
            helo: Some("pps.filterd"),
            rdns: Some("m0123456.ppops.example"),
            ip: Some("127.0.0.1"),
            by_host: Some("mx0a-00123401.pphosted.example"),
            with: Some("SMTP"),
            id: Some("5ANAFx1a012345"),
            date: Some("Mon, 23 Nov 2026 03:15:02 -0600"),
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org [192.0.2.120]) by mx0a-00123401.pphosted.example (PPS) with ESMTPS id 4xyzabc123-1 (version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NOT) for <alice@example.com>; Mon, 23 Nov 2026 03:15:03 -0600",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.120"),
            by_host: Some("mx0a-00123401.pphosted.example"),
            with: Some("ESMTPS"),
            id: Some("4xyzabc123-1"),
            for_addr: Some("alice@example.com"),
            tls: Some("TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384"),
            date: Some("Mon, 23 Nov 2026 03:15:03 -0600"),
            ..D
        },
    ),
    (
        "from mx0b-00123401.pphosted.example (mx0b-00123401.pphosted.example [198.51.100.121]) by mx.example.com with ESMTPS id 3xyz5abc7d-2 (version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NOT); Mon, 23 Nov 2026 03:15:04 -0600",
        Exp {
            helo: Some("mx0b-00123401.pphosted.example"),
            rdns: Some("mx0b-00123401.pphosted.example"),
            ip: Some("198.51.100.121"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTPS"),
            id: Some("3xyz5abc7d-2"),
            tls: Some("TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384"),
            date: Some("Mon, 23 Nov 2026 03:15:04 -0600"),
            ..D
        },
    ),
];

const MIMECAST: &[Case] = &[
    (
        "from us-smtp-delivery-1.mimecast.example (us-smtp-delivery-1.mimecast.example [203.0.113.9]) by mx.example.com (Postfix) with ESMTPS id 4ZC3d4E5f6G7 for <alice@example.com>; Mon, 23 Nov 2026 10:15:02 +0100 (CET)",
        Exp {
            helo: Some("us-smtp-delivery-1.mimecast.example"),
            rdns: Some("us-smtp-delivery-1.mimecast.example"),
            ip: Some("203.0.113.9"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTPS"),
            id: Some("4ZC3d4E5f6G7"),
            for_addr: Some("alice@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100 (CET)"),
            ..D
        },
    ),
    (
        "by relay.mimecast.example with ESMTP id us-mta-12-abcdEF; Mon, 23 Nov 2026 04:15:01 -0500",
        Exp {
            by_host: Some("relay.mimecast.example"),
            with: Some("ESMTP"),
            id: Some("us-mta-12-abcdEF"),
            date: Some("Mon, 23 Nov 2026 04:15:01 -0500"),
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org [192.0.2.130]) by relay.mimecast.example with ESMTP with STARTTLS (version=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384) id us-mta-34-GhIjKl; Mon, 23 Nov 2026 04:15:00 -0500",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.130"),
            by_host: Some("relay.mimecast.example"),
            with: Some("ESMTPS"),
            id: Some("us-mta-34-GhIjKl"),
            tls: Some("TLSv1.3 TLS_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 04:15:00 -0500"),
            ..D
        },
    ),
];

const BARRACUDA: &[Case] = &[
    (
        "from mail.example.org ([192.0.2.5]) by barracuda.example.com with ESMTP id AbCdEf123 (version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NO) for <u@example.com>; Mon, 23 Nov 2026 10:15:02 +0100 (CET)",
        Exp {
            helo: Some("mail.example.org"),
            ip: Some("192.0.2.5"),
            by_host: Some("barracuda.example.com"),
            with: Some("ESMTP"),
            id: Some("AbCdEf123"),
            for_addr: Some("u@example.com"),
            tls: Some("TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org [192.0.2.6]) by barracuda.example.com with ESMTP id XyZ987abc for <v@example.com>; Mon, 23 Nov 2026 10:15:03 +0100 (CET)",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.6"),
            by_host: Some("barracuda.example.com"),
            with: Some("ESMTP"),
            id: Some("XyZ987abc"),
            for_addr: Some("v@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:03 +0100 (CET)"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// Webmail
// ---------------------------------------------------------------------------

const WEBMAIL: &[Case] = &[
    (
        "from [198.51.100.23] by webmail.example.com with HTTP (HTTP/1.1 POST); Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            helo: Some("[198.51.100.23]"),
            ip: Some("198.51.100.23"),
            by_host: Some("webmail.example.com"),
            with: Some("HTTP"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            ..D
        },
    ),
    (
        "from 203.0.113.5 (SquirrelMail authenticated user alice) by webmail.example.com with HTTP; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            ip: Some("203.0.113.5"),
            by_host: Some("webmail.example.com"),
            with: Some("HTTP"),
            auth: Some("alice"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            ..D
        },
    ),
    (
        "from dsl-198-51-100-24.example.net (dsl-198-51-100-24.example.net [198.51.100.24]) by webmail.example.com (Horde Framework) with HTTPS; Mon, 23 Nov 2026 10:15:03 +0100",
        Exp {
            helo: Some("dsl-198-51-100-24.example.net"),
            rdns: Some("dsl-198-51-100-24.example.net"),
            ip: Some("198.51.100.24"),
            by_host: Some("webmail.example.com"),
            with: Some("HTTPS"),
            date: Some("Mon, 23 Nov 2026 10:15:03 +0100"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// Local delivery and submission
// ---------------------------------------------------------------------------

const LOCAL: &[Case] = &[
    (
        "(from root@localhost) by host.example.com (8.17.1/8.17.1/Submit) id 5ANAF2xL012352; Mon, 23 Nov 2026 03:00:01 +0100",
        Exp {
            ident: Some("root@localhost"),
            by_host: Some("host.example.com"),
            id: Some("5ANAF2xL012352"),
            date: Some("Mon, 23 Nov 2026 03:00:01 +0100"),
            ..D
        },
    ),
    (
        "by mail.example.com (Postfix, from userid 0) id 4ZLmN0pQrS; Mon, 23 Nov 2026 03:00:01 +0100 (CET)",
        Exp {
            ident: Some("userid 0"),
            by_host: Some("mail.example.com"),
            id: Some("4ZLmN0pQrS"),
            date: Some("Mon, 23 Nov 2026 03:00:01 +0100 (CET)"),
            ..D
        },
    ),
    (
        "by localhost with LMTP id qRsTuV1234; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            by_host: Some("localhost"),
            with: Some("LMTP"),
            id: Some("qRsTuV1234"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            ..D
        },
    ),
    (
        "from mx.example.com ([unix socket]) by imap.example.com (Cyrus 3.8.1) with LMTPA; Mon, 23 Nov 2026 10:15:03 +0100",
        Exp {
            helo: Some("mx.example.com"),
            by_host: Some("imap.example.com"),
            with: Some("LMTPA"),
            auth: Some("authenticated"),
            date: Some("Mon, 23 Nov 2026 10:15:03 +0100"),
            ..D
        },
    ),
    (
        "from localhost (root@localhost) by host.example.com (8.17.1/8.17.1) with ESMTP id 5ANAG0oP012353; Mon, 23 Nov 2026 03:00:02 +0100",
        Exp {
            helo: Some("localhost"),
            ident: Some("root@localhost"),
            by_host: Some("host.example.com"),
            with: Some("ESMTP"),
            id: Some("5ANAG0oP012353"),
            date: Some("Mon, 23 Nov 2026 03:00:02 +0100"),
            ..D
        },
    ),
    (
        "from localhost (root@localhost [127.0.0.1]) by host.example.com (8.17.1/8.17.1) with ESMTP id 5ANAG1qR012354 for <root@host.example.com>; Mon, 23 Nov 2026 03:00:03 +0100",
        Exp {
            helo: Some("localhost"),
            rdns: Some("localhost"),
            ip: Some("127.0.0.1"),
            ident: Some("root"),
            by_host: Some("host.example.com"),
            with: Some("ESMTP"),
            id: Some("5ANAG1qR012354"),
            for_addr: Some("root@host.example.com"),
            date: Some("Mon, 23 Nov 2026 03:00:03 +0100"),
            ..D
        },
    ),
    (
        "from localhost by mail.example.com with local-bsmtp (Exim 4.96) (envelope-from <root@mail.example.com>) id 1tAbCp-000Y01-2l; Mon, 23 Nov 2026 03:00:04 +0100",
        Exp {
            helo: Some("localhost"),
            by_host: Some("mail.example.com"),
            with: Some("LOCAL-BSMTP"),
            id: Some("1tAbCp-000Y01-2l"),
            env_from: Some("root@mail.example.com"),
            date: Some("Mon, 23 Nov 2026 03:00:04 +0100"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// IPv6-only paths
// ---------------------------------------------------------------------------

const IPV6: &[Case] = &[
    (
        "from mail6.example.org (mail6.example.org [IPv6:2001:db8:100::25]) by mx6.example.com (Postfix) with ESMTPS id 4ZD4e5F6g7H8 for <alice@example.com>; Mon, 23 Nov 2026 10:15:02 +0100 (CET)",
        Exp {
            helo: Some("mail6.example.org"),
            rdns: Some("mail6.example.org"),
            ip: Some("2001:db8:100::25"),
            by_host: Some("mx6.example.com"),
            with: Some("ESMTPS"),
            id: Some("4ZD4e5F6g7H8"),
            for_addr: Some("alice@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from [2001:db8::1%eth0] (helo=client6.example.org) by mx6.example.com with esmtp (Exim 4.96) (envelope-from <bob@example.org>) id 1tAbCn-000Xz9-0j; Mon, 23 Nov 2026 10:15:03 +0100",
        Exp {
            helo: Some("client6.example.org"),
            ip: Some("2001:db8::1"),
            zone: Some("eth0"),
            by_host: Some("mx6.example.com"),
            with: Some("ESMTP"),
            id: Some("1tAbCn-000Xz9-0j"),
            env_from: Some("bob@example.org"),
            date: Some("Mon, 23 Nov 2026 10:15:03 +0100"),
            ..D
        },
    ),
    (
        "from client6.example.org (client6.example.org [IPv6:2001:db8:200::9%2]) by mx6.example.com (Postfix) with ESMTP id 4ZE5f6G7h8I9; Mon, 23 Nov 2026 10:15:04 +0100 (CET)",
        Exp {
            helo: Some("client6.example.org"),
            rdns: Some("client6.example.org"),
            ip: Some("2001:db8:200::9"),
            zone: Some("2"),
            by_host: Some("mx6.example.com"),
            with: Some("ESMTP"),
            id: Some("4ZE5f6G7h8I9"),
            date: Some("Mon, 23 Nov 2026 10:15:04 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from [IPV6:2001:DB8::A] (unknown [IPv6:2001:DB8::A]) by mx6.example.com (Postfix) with ESMTP id 4ZF6g7H8i9J0; Mon, 23 Nov 2026 10:15:05 +0100 (CET)",
        Exp {
            helo: Some("[2001:db8::a]"),
            ip: Some("2001:db8::a"),
            by_host: Some("mx6.example.com"),
            with: Some("ESMTP"),
            id: Some("4ZF6g7H8i9J0"),
            date: Some("Mon, 23 Nov 2026 10:15:05 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from mail.example.org ([2001:db8::25]) by [2001:db8::26] with ESMTP id 0123abcd; Mon, 23 Nov 2026 10:15:06 +0100",
        Exp {
            helo: Some("mail.example.org"),
            ip: Some("2001:db8::25"),
            by_ip: Some("2001:db8::26"),
            with: Some("ESMTP"),
            id: Some("0123abcd"),
            date: Some("Mon, 23 Nov 2026 10:15:06 +0100"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// Other MTAs and clients: OpenSMTPD, Haraka, fetchmail
// ---------------------------------------------------------------------------

const OTHER: &[Case] = &[
    (
        "from mail.example.org (mail.example.org [192.0.2.170]) by mx.example.com (OpenSMTPD) with ESMTPSA id 1a2b3c4d (TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO) auth=yes user=alice for <bob@example.com>; Mon, 23 Nov 2026 10:15:02 +0100 (CET)",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.170"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTPSA"),
            id: Some("1a2b3c4d"),
            for_addr: Some("bob@example.com"),
            auth: Some("alice"),
            tls: Some("TLSv1.3 TLS_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org [192.0.2.171]) by haraka.example.com (Haraka/3.0.3) with ESMTPS id 1A2B3C4D-5E6F-7A8B-9C0D-1E2F3A4B5C6D.1 envelope-from <carol@example.org> tls TLS_AES_256_GCM_SHA384; Mon, 23 Nov 2026 10:15:03 +0100",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.171"),
            by_host: Some("haraka.example.com"),
            with: Some("ESMTPS"),
            id: Some("1A2B3C4D-5E6F-7A8B-9C0D-1E2F3A4B5C6D.1"),
            env_from: Some("carol@example.org"),
            tls: Some("TLS_AES_256_GCM_SHA384"),
            date: Some("Mon, 23 Nov 2026 10:15:03 +0100"),
            ..D
        },
    ),
    (
        "from imap.example.net [192.0.2.160] by laptop.example.com with IMAP (fetchmail-6.4.37) for <alice@localhost> (single-drop); Mon, 23 Nov 2026 10:15:04 +0100 (CET)",
        Exp {
            helo: Some("imap.example.net"),
            ip: Some("192.0.2.160"),
            by_host: Some("laptop.example.com"),
            with: Some("IMAP"),
            for_addr: Some("alice@localhost"),
            date: Some("Mon, 23 Nov 2026 10:15:04 +0100 (CET)"),
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org [192.0.2.172]) by mx.example.com with ESMTP id 7bC8dE9f for <dave@example.com>, <erin@example.com>; Mon, 23 Nov 2026 10:15:05 +0100",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.172"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("7bC8dE9f"),
            for_addr: Some("dave@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:05 +0100"),
            ..D
        },
    ),
    (
        "FROM mail.example.org (mail.example.org [192.0.2.173]) BY mx.example.com WITH ESMTP ID 8cD9eF0a FOR <frank@example.com> ; Mon, 23 Nov 2026 10:15:06 +0100",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.173"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("8cD9eF0a"),
            for_addr: Some("frank@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:06 +0100"),
            ..D
        },
    ),
    (
        "by mx.example.com with ESMTP id 9dE0fA1b from mail.example.org (mail.example.org [192.0.2.174]) for <grace@example.com>; Mon, 23 Nov 2026 10:15:07 +0100",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.174"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("9dE0fA1b"),
            for_addr: Some("grace@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:07 +0100"),
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org [192.0.2.175]) by mx.example.com with ESMTP id \"quoted id 1\"; Mon, 23 Nov 2026 10:15:08 +0100",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.175"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("quoted id 1"),
            date: Some("Mon, 23 Nov 2026 10:15:08 +0100"),
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org [192.0.2.176]) by mx.example.com with ESMTP id 0eF1aB2c for alice@example.com, bob@example.com; Mon, 23 Nov 2026 10:15:09 +0100",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.176"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("0eF1aB2c"),
            for_addr: Some("alice@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:09 +0100"),
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org [192.0.2.177]) by mx.example.com with ESMTP id 1fA2bC3d for <\"john doe\"@example.com>; Mon, 23 Nov 2026 10:15:10 +0100",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.177"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("1fA2bC3d"),
            for_addr: Some("\"john doe\"@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:10 +0100"),
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org [192.0.2.178]) by mx.example.com with ESMTP id 2aB3cD4e (envelope-from <postmaster@[192.0.2.178]>) for <root@[198.51.100.1]>; Mon, 23 Nov 2026 10:15:11 +0100",
        Exp {
            helo: Some("mail.example.org"),
            rdns: Some("mail.example.org"),
            ip: Some("192.0.2.178"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("2aB3cD4e"),
            for_addr: Some("root@[198.51.100.1]"),
            env_from: Some("postmaster@[192.0.2.178]"),
            date: Some("Mon, 23 Nov 2026 10:15:11 +0100"),
            ..D
        },
    ),
];

// ---------------------------------------------------------------------------
// Garbage and edge cases
// ---------------------------------------------------------------------------

const FAILED: ParseQuality = ParseQuality::Failed;
const PARTIAL: ParseQuality = ParseQuality::Partial;

const GARBAGE: &[Case] = &[
    ("", Exp { q: FAILED, ..D }),
    ("   \r\n\t ", Exp { q: FAILED, ..D }),
    (";", Exp { q: FAILED, ..D }),
    (";;;", Exp { q: FAILED, ..D }),
    (
        "; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            ..D
        },
    ),
    (
        "Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            q: PARTIAL,
            ..D
        },
    ),
    (
        "by mx.example.com with ESMTP id 4ZAbCd Mon, 23 Nov 2026 10:15:02 +0100 (CET)",
        Exp {
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("4ZAbCd"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100 (CET)"),
            q: PARTIAL,
            ..D
        },
    ),
    (
        "from mail.example.org (mail.example.org [192.0.2.1] by mx.example.com with ESMTP id X1; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            helo: Some("mail.example.org"),
            ip: Some("192.0.2.1"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("X1"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            q: PARTIAL,
            ..D
        },
    ),
    (
        "from [192.0.2.1 by mx.example.com with ESMTP; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            ip: Some("192.0.2.1"),
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            q: PARTIAL,
            ..D
        },
    ),
    (
        "by mx.example.com with ESMTP id X2 for <alice@example.com; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            id: Some("X2"),
            for_addr: Some("alice@example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            q: PARTIAL,
            ..D
        },
    ),
    (
        "from a.example.org (a (b (c)) d) by b.example.org; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            helo: Some("a.example.org"),
            by_host: Some("b.example.org"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            ..D
        },
    ),
    (
        "from a.example.org (x; y (z; w)) by b.example.org (\\) \\( ;) with SMTP; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            helo: Some("a.example.org"),
            by_host: Some("b.example.org"),
            with: Some("SMTP"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            ..D
        },
    ),
    (
        "from ümlaut.example (ünïcödé.example [192.0.2.1]) by 例え.example with ESMTP; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            helo: Some("ümlaut.example"),
            rdns: Some("ünïcödé.example"),
            ip: Some("192.0.2.1"),
            by_host: Some("例え.example"),
            with: Some("ESMTP"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            ..D
        },
    ),
    ("🙂🙃 ☃ ∑ 例え", Exp { q: FAILED, ..D }),
    ("from", Exp { q: FAILED, ..D }),
    (")))", Exp { q: FAILED, ..D }),
    ("(qmail 1234 invoked from network)", Exp { q: FAILED, ..D }),
    (
        "garbage here from a.example.org by b.example.org; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            helo: Some("a.example.org"),
            by_host: Some("b.example.org"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            q: PARTIAL,
            ..D
        },
    ),
    (
        "from a.example.org by b.example.org) with SMTP; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            helo: Some("a.example.org"),
            by_host: Some("b.example.org"),
            with: Some("SMTP"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            q: PARTIAL,
            ..D
        },
    ),
    (
        "by mx.example.com; not a date",
        Exp {
            by_host: Some("mx.example.com"),
            date: Some("not a date"),
            q: PARTIAL,
            ..D
        },
    ),
    (
        "from a.example.org by b.example.org by c.example.org; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            helo: Some("a.example.org"),
            by_host: Some("b.example.org"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            q: PARTIAL,
            ..D
        },
    ),
    (
        "from by mx.example.com with id; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            by_host: Some("mx.example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            q: PARTIAL,
            ..D
        },
    ),
    (
        "with ESMTP id abc",
        Exp {
            with: Some("ESMTP"),
            id: Some("abc"),
            q: FAILED,
            ..D
        },
    ),
    (
        "by mx.example.com with ESMTP;",
        Exp {
            by_host: Some("mx.example.com"),
            with: Some("ESMTP"),
            ..D
        },
    ),
    (
        "from \"unterminated by mx.example.com; Mon, 23 Nov 2026 10:15:02 +0100",
        Exp {
            helo: Some("unterminated"),
            by_host: Some("mx.example.com"),
            date: Some("Mon, 23 Nov 2026 10:15:02 +0100"),
            q: PARTIAL,
            ..D
        },
    ),
];

/// All tables with their family names.
const FAMILIES: &[(&str, &[Case])] = &[
    ("postfix", POSTFIX),
    ("exim", EXIM),
    ("sendmail", SENDMAIL),
    ("qmail", QMAIL),
    ("exchange", EXCHANGE),
    ("gmail", GMAIL),
    ("yahoo", YAHOO),
    ("ses", SES),
    ("zimbra", ZIMBRA),
    ("courier", COURIER),
    ("mdaemon", MDAEMON),
    ("domino", DOMINO),
    ("proofpoint", PROOFPOINT),
    ("mimecast", MIMECAST),
    ("barracuda", BARRACUDA),
    ("webmail", WEBMAIL),
    ("local", LOCAL),
    ("ipv6", IPV6),
    ("other", OTHER),
    ("garbage", GARBAGE),
];

#[test]
fn postfix() {
    check("postfix", POSTFIX);
}

#[test]
fn exim() {
    check("exim", EXIM);
}

#[test]
fn sendmail() {
    check("sendmail", SENDMAIL);
}

#[test]
fn qmail() {
    check("qmail", QMAIL);
}

#[test]
fn exchange() {
    check("exchange", EXCHANGE);
}

#[test]
fn gmail() {
    check("gmail", GMAIL);
}

#[test]
fn yahoo() {
    check("yahoo", YAHOO);
}

#[test]
fn amazon_ses() {
    check("ses", SES);
}

#[test]
fn zimbra_amavis() {
    check("zimbra", ZIMBRA);
}

#[test]
fn courier() {
    check("courier", COURIER);
}

#[test]
fn mdaemon() {
    check("mdaemon", MDAEMON);
}

#[test]
fn domino() {
    check("domino", DOMINO);
}

#[test]
fn proofpoint() {
    check("proofpoint", PROOFPOINT);
}

#[test]
fn mimecast() {
    check("mimecast", MIMECAST);
}

#[test]
fn barracuda() {
    check("barracuda", BARRACUDA);
}

#[test]
fn webmail() {
    check("webmail", WEBMAIL);
}

#[test]
fn local() {
    check("local", LOCAL);
}

#[test]
fn ipv6_only() {
    check("ipv6", IPV6);
}

#[test]
fn other_mtas() {
    check("other", OTHER);
}

#[test]
fn garbage() {
    check("garbage", GARBAGE);
}

/// Realistic (non-garbage) lines are distinct and there are at least 90.
#[test]
fn realistic_lines_are_distinct() {
    let mut seen = HashSet::new();
    for (family, cases) in FAMILIES {
        for (line, _) in *cases {
            assert!(seen.insert(*line), "duplicate line in {family}: {line:?}");
        }
    }
    let realistic = FAMILIES
        .iter()
        .filter(|(f, _)| *f != "garbage")
        .map(|(_, c)| c.len())
        .sum::<usize>();
    assert!(realistic >= 90, "only {realistic} realistic lines");
}

/// Every Full realistic line has a parseable date.
#[test]
fn realistic_dates_parse() {
    for (family, cases) in FAMILIES.iter().filter(|(f, _)| *f != "garbage") {
        for (line, _) in *cases {
            let r = parse_received(line);
            let d = r
                .date_text
                .unwrap_or_else(|| panic!("[{family}] no date: {line:?}"));
            assert!(
                parse_date(&d).is_ok(),
                "[{family}] date {d:?} does not parse"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Size and depth
// ---------------------------------------------------------------------------

/// Generous bound: debug builds are slow, and CI machines are slower.
const TIME_LIMIT: Duration = Duration::from_secs(5);

fn timed(input: &str) -> Received {
    let start = Instant::now();
    let r = parse_received(input);
    let took = start.elapsed();
    assert!(took < TIME_LIMIT, "{} bytes took {took:?}", input.len());
    r
}

#[test]
fn one_megabyte_header() {
    let base = POSTFIX[0].0;
    let mut big = String::new();
    while big.len() < 1_000_000 {
        big.push_str("from mail.example.org (mail.example.org [192.0.2.10]) ");
    }
    big.push_str(base);
    let r = timed(&big);
    assert_eq!(r.quality, ParseQuality::Partial);
    assert_eq!(
        r.date_text.as_deref(),
        Some("Mon, 23 Nov 2026 10:15:02 +0100 (CET)")
    );

    let words = "x ".repeat(500_000);
    assert_eq!(timed(&words).quality, ParseQuality::Failed);
    let one_word = "y".repeat(1_000_000);
    assert_eq!(timed(&one_word).quality, ParseQuality::Failed);
    let comment = format!(
        "from a.example.org ({}) by b.example.org; Mon, 23 Nov 2026 10:15:02 +0100",
        "z ".repeat(500_000)
    );
    assert_eq!(timed(&comment).quality, ParseQuality::Full);
    let long_date = format!("by b.example.org; {}", "Mon, ".repeat(200_000));
    assert_eq!(timed(&long_date).quality, ParseQuality::Partial);
}

#[test]
fn pathological_brackets_stay_linear() {
    for unit in [
        "(",
        ")",
        "[",
        "<",
        "\"",
        "\\(",
        "(\\",
        "[[",
        "<<",
        "(a",
        "\"(",
        "([<\"",
        ";",
        "(;",
        "x=",
        "<\"",
        "<\"<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
        "<a\"b\"",
        "[1.2.3.4]",
    ] {
        let input = unit.repeat(1_000_000 / unit.len());
        let _ = timed(&input);
        let with_header =
            format!("from a.example.org {input} by b.example.org; Mon, 23 Nov 2026 10:15:02 +0100");
        let _ = timed(&with_header);
    }
}

#[test]
fn ten_thousand_parentheses() {
    let open = "(".repeat(10_000);
    let r = timed(&open);
    assert_eq!(r.quality, ParseQuality::Failed);

    let nested = format!(
        "from a.example.org {}x{} by b.example.org; Mon, 23 Nov 2026 10:15:02 +0100",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let r = timed(&nested);
    assert_eq!(r.quality, ParseQuality::Full);
    assert_eq!(r.helo.as_deref(), Some("a.example.org"));
    assert_eq!(r.by_host.as_deref(), Some("b.example.org"));

    let unbalanced = format!(
        "from a.example.org {} by b.example.org; Mon, 23 Nov 2026 10:15:02 +0100",
        "(".repeat(10_000)
    );
    let r = timed(&unbalanced);
    assert_eq!(r.quality, ParseQuality::Partial);
    assert_eq!(r.by_host.as_deref(), Some("b.example.org"));
    assert_eq!(
        r.date_text.as_deref(),
        Some("Mon, 23 Nov 2026 10:15:02 +0100")
    );

    let deep = "(".repeat(1_000_000) + &")".repeat(1_000_000);
    let _ = timed(&deep);
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

fn all_lines() -> Vec<&'static str> {
    FAMILIES
        .iter()
        .flat_map(|(_, cases)| cases.iter().map(|(line, _)| *line))
        .collect()
}

/// Deletes, inserts or truncates bytes, then repairs to valid UTF-8 lossily.
fn mutate(line: &str, edits: &[(u8, usize, u8)], cut: Option<usize>) -> String {
    let mut bytes = line.as_bytes().to_vec();
    for &(op, pos, byte) in edits {
        let at = if bytes.is_empty() {
            0
        } else {
            pos % (bytes.len() + 1)
        };
        match op % 3 {
            0 if at < bytes.len() => {
                bytes.remove(at);
            }
            1 => bytes.insert(at, byte),
            _ => {
                if at < bytes.len() {
                    bytes[at] = byte;
                }
            }
        }
    }
    if let Some(c) = cut {
        bytes.truncate(c % (bytes.len() + 1));
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn check_no_panic(input: &str) {
    let r = parse_received(input);
    if let Some(d) = &r.date_text {
        let _ = parse_date(d);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_strings_never_panic(s in "\\PC{0,200}") {
        check_no_panic(&s);
    }

    #[test]
    fn random_header_alphabet_never_panics(s in "[a-z0-9 ()\\[\\]<>\";,:.@=\\\\%-]{0,200}") {
        check_no_panic(&s);
    }

    #[test]
    fn mutated_real_lines_never_panic(
        idx in any::<proptest::sample::Index>(),
        edits in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 0..8),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let lines = all_lines();
        let line = lines[idx.index(lines.len())];
        check_no_panic(&mutate(line, &edits, cut));
    }

    #[test]
    fn mutated_real_lines_with_delimiters_never_panic(
        idx in any::<proptest::sample::Index>(),
        edits in proptest::collection::vec((any::<u8>(), any::<usize>(), proptest::sample::select(b"()[]<>\";\\ %:".to_vec())), 1..12),
    ) {
        let lines = all_lines();
        let line = lines[idx.index(lines.len())];
        check_no_panic(&mutate(line, &edits, None));
    }
}
