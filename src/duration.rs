//! Durations as people say them.

/// `3 min 10 s`, `2 h 5 min`, `4 s`: delays as people say them.
pub fn human_duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    let text = match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min {} s", s / 60, s % 60),
        3600..86400 => format!("{} h {} min", s / 3600, (s % 3600) / 60),
        _ => format!("{} d {} h", s / 86400, (s % 86400) / 3600),
    };
    format!("{sign}{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(4), "4 s");
        assert_eq!(human_duration(-170), "-2 min 50 s");
        assert_eq!(human_duration(7500), "2 h 5 min");
        assert_eq!(human_duration(90000), "1 d 1 h");
    }
}
