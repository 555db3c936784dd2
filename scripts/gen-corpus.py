#!/usr/bin/env python3
"""Writes a corpus of generated messages for benchmarks.

Usage: gen-corpus.py OUTDIR COUNT [SEED]

Each message has 3 to 15 Received headers in the shapes of common MTAs
(Postfix, Exim, Sendmail, qmail, Exchange, Gmail, Courier, Domino,
gateways), example domains and documentation addresses only, and a body
of realistic size (a few KB of text, sometimes a base64 attachment).
OUTDIR gets COUNT .eml files under eml/ and the same messages as one
mbox file, corpus.mbox.
"""

import base64
import os
import random
import sys
from datetime import datetime, timedelta, timezone

DOMAINS = ["example.com", "example.net", "example.org", "mail.example", "corp.example"]
NETS = ["192.0.2", "198.51.100", "203.0.113"]
ZONES = ["+0000", "+0100", "-0500", "+0530", "-0800", "+0900"]
WORDS = ("the report is attached please review before friday meeting budget "
         "schedule invoice shipment update thanks regards team project").split()


def host(rng):
    return f"{rng.choice(['mx', 'smtp', 'relay', 'out', 'mail', 'gw'])}{rng.randint(1, 40)}.{rng.choice(DOMAINS)}"


def ip(rng):
    if rng.random() < 0.15:
        return f"2001:db8:{rng.randint(1, 0xffff):x}::{rng.randint(1, 0xffff):x}"
    return f"{rng.choice(NETS)}.{rng.randint(1, 254)}"


def date(t, zone):
    sign = 1 if zone[0] == "+" else -1
    offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * sign
    local = t.astimezone(timezone(offset))
    return local.strftime("%a, %d %b %Y %H:%M:%S ") + zone


def received(rng, sender, receiver, t):
    a, when = ip(rng), date(t, rng.choice(ZONES))
    lit = f"IPv6:{a}" if ":" in a else a
    qid = "".join(rng.choice("0123456789ABCDEF") for _ in range(10))
    shape = rng.randrange(9)
    if shape == 0:
        return (f"from {sender} ({sender} [{lit}])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n"
                f"\tby {receiver} (Postfix) with ESMTPS id 4{qid}\n\tfor <user@example.net>; {when}")
    if shape == 1:
        return (f"from [{a}] (helo={sender})\n\tby {receiver} with esmtpsa (TLS1.3) tls TLS_AES_256_GCM_SHA384\n"
                f"\t(Exim 4.96)\n\t(envelope-from <a@example.org>)\n\tid 1t{qid[:4]}-000{qid[4:7]}-{qid[7:9]};\n\t{when}")
    if shape == 2:
        return (f"from {sender} ({sender} [{a}])\n\tby {receiver} (8.17.1/8.17.1) with ESMTP id 5AN{qid}\n"
                f"\tfor <user@example.net>; {when}")
    if shape == 3:
        return f"from unknown (HELO {sender}) ({a})\n  by {receiver} with SMTP; {when}"
    if shape == 4:
        return (f"from {sender.upper()} ({a}) by\n {receiver.upper()} ({ip(rng)}) with Microsoft SMTP Server\n"
                f" (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id\n 15.20.7452.{rng.randint(10, 99)}; {when}")
    if shape == 5:
        return (f"from {sender} ({sender}. [{a}])\n        by {receiver} with SMTPS id {qid.lower()}.{rng.randint(100, 999)}\n"
                f"        for <user@example.net>\n        (Google Transport Security);\n        {when}")
    if shape == 6:
        return (f"from {sender} ({sender} [::ffff:{NETS[0]}.{rng.randint(1, 254)}])\n  by {receiver} with ESMTPS;"
                f" {when}\n  id 000A{qid[:4]}.6B04{qid[4:8]}.0000{qid[8:]}")
    if shape == 7:
        return (f"from {sender} ([{a}]) by {receiver}\n          (Lotus Domino Release 9.0.1FP10)\n"
                f"          with ESMTP id 2026112310{rng.randint(100000, 999999)}-1 ;\n          {when}")
    return (f"from {sender} ({sender} [{a}]) by {receiver} with ESMTP id {qid}\n"
            f" (version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NO) for <user@example.net>; {when}")


def body(rng):
    words = rng.randint(300, 3000)
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    lines = [text[i:i + 72] for i in range(0, len(text), 72)]
    if rng.random() < 0.3:
        blob = base64.encodebytes(rng.randbytes(rng.randint(10_000, 120_000))).decode()
        return ("Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\n"
                + "\n".join(lines) + "\n--b1\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
                + blob + "--b1--\n")
    return "Content-Type: text/plain; charset=utf-8\n\n" + "\n".join(lines) + "\n"


def message(rng, i):
    hops = rng.randint(3, 15)
    hosts = [host(rng) for _ in range(hops + 1)]
    t = datetime(2026, 11, 23, 8, 0, tzinfo=timezone.utc) + timedelta(seconds=i * 37)
    headers = []
    for h in range(hops):
        t += timedelta(seconds=rng.randint(0, 20))
        headers.append("Received: " + received(rng, hosts[h], hosts[h + 1], t))
    headers.reverse()
    headers += [f"Message-ID: <{i}.{rng.randint(1, 1 << 30)}@example.org>",
                f"Date: {date(t - timedelta(seconds=hops * 10), '+0000')}",
                "From: Sender <sender@example.org>", "To: user@example.net",
                f"Subject: generated message {i}", "MIME-Version: 1.0"]
    return "\n".join(headers) + "\n" + body(rng)


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    os.makedirs(os.path.join(out, "eml"), exist_ok=True)
    with open(os.path.join(out, "corpus.mbox"), "w") as mbox:
        for i in range(count):
            text = message(rng, i)
            with open(os.path.join(out, "eml", f"{i:06}.eml"), "w") as f:
                f.write(text)
            escaped = "\n".join(">" + l if l.lstrip(">").startswith("From ") else l for l in text.split("\n"))
            mbox.write(f"From sender@example.org Mon Nov 23 08:00:00 2026\n{escaped}\n")


if __name__ == "__main__":
    main()
