//! DNS results in the ticket formats (per hop and the recipient domain's
//! MX), against a DNS server the test starts on 127.0.0.1; and `--redact`
//! with DNS on.

use crate::support::dns::dns_server::TestServer;
use crate::support::dns::zones;
use crate::support::{document_formats, stdout_of, trace_path_online};

fn render(server: &TestServer, format: &str, extra: &[&str]) -> String {
    let out = stdout_of(
        trace_path_online()
            .args(["--format", format, "--resolver", &server.resolver_arg()])
            .args(extra)
            // A relative path, so the snapshots do not depend on the checkout.
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("tests/fixtures/dns/path.eml"),
    );
    // The test server's port changes from run to run.
    out.replace(&server.resolver_arg(), "RESOLVER")
}

#[test]
fn ticket_formats_show_dns_per_hop_and_the_mx() {
    let server = TestServer::start(zones::standard());
    for format in document_formats() {
        let out = render(&server, &format, &[]);
        assert!(out.contains("resolver RESOLVER"), "{format}: DNS heading");
        assert!(
            out.contains("recipient bob@example.net"),
            "{format}: MX line"
        );
        assert!(out.contains("FCrDNS"), "{format}: per-hop checks");
        // The file keeps the name it had when this module was a test binary
        // of its own (insta would now prefix `integration__dns_formats__`).
        insta::with_settings!(
            { snapshot_path => "../snapshots", prepend_module_to_snapshot => false },
            { insta::assert_snapshot!(format!("dns_formats__dns-{format}@path.eml"), out) }
        );
    }
    let text = render(&server, "text", &[]);
    assert!(text.is_ascii() && text.lines().all(|l| l.len() <= 80));
}

#[test]
fn redaction_covers_dns_results() {
    let server = TestServer::start(zones::standard());
    for format in document_formats().into_iter().chain(["json".into()]) {
        let out = render(&server, &format, &["--redact"]).replace('\\', "");
        for hidden in [
            "bob@example.net",
            "example.net",
            "10.0.0.5",
            "mx1.example.net",
        ] {
            assert!(!out.contains(hidden), "{format} leaks {hidden}");
        }
        assert!(out.contains("192.0.2.7"), "{format} keeps public relays");
    }
}
