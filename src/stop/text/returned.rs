//! The returned copy of the message, when the notice quotes it in its
//! text: where it starts (after "This is a copy of the message", "Below
//! this line is a copy", "Original message headers", or at the first block
//! of headers with a `Received:` line), and its header block, kept for the
//! hop chain.

use crate::normalise::is_header_line;
use crate::stop::phrases;

/// Where the returned copy starts (as a line index; `lines.len()` when
/// there is none), and the header block quoted there.
pub(super) fn returned_copy(lines: &[&str]) -> (usize, Option<String>) {
    let marker = lines.iter().position(|l| {
        let l = l.to_lowercase();
        phrases::all(|p| p.copy_markers).any(|m| l.contains(m))
    });
    let received = lines.iter().position(|l| {
        let t = l.trim_start().trim_start_matches('>').trim_start();
        t.get(..9)
            .is_some_and(|p| p.eq_ignore_ascii_case("received:"))
    });
    let Some(received) = received else {
        return (marker.unwrap_or(lines.len()), None);
    };
    let headerish = |l: &str| {
        is_header_line(
            l.trim_start()
                .trim_start_matches('>')
                .trim_start()
                .as_bytes(),
        )
    };
    let continued = |l: &str| l.starts_with([' ', '\t']) && !l.trim().is_empty();
    let mut start = received;
    while start > 0 && (headerish(lines[start - 1]) || continued(lines[start - 1])) {
        start -= 1;
    }
    while start < received && !headerish(lines[start]) {
        start += 1;
    }
    let end = lines[received..]
        .iter()
        .position(|l| l.trim().is_empty())
        .map_or(lines.len(), |n| received + n);
    let block = lines[start..end].join("\n");
    let cut = marker.map_or(start, |m| m.min(start));
    (cut, Some(block))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_starts_at_its_marker_or_its_headers() {
        let lines = [
            "Something failed",
            "",
            "------ This is a copy of the message, including all the headers. ------",
            "",
            "Received: from a by b; Mon, 23 Nov 2026 10:00:00 +0000",
            "Subject: hi",
            "",
            "body",
        ];
        let (cut, block) = returned_copy(&lines);
        assert_eq!(cut, 2);
        assert_eq!(
            block.as_deref(),
            Some("Received: from a by b; Mon, 23 Nov 2026 10:00:00 +0000\nSubject: hi")
        );
        assert_eq!(returned_copy(&["no copy here"]), (1, None));
    }
}
