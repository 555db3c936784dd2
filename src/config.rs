//! The config file: settings a user wants on every run, such as their own
//! relays. Looked up at `$TRACE_PATH_CONFIG`, else
//! `$XDG_CONFIG_HOME/trace-path/config.toml`, else
//! `~/.config/trace-path/config.toml`. A missing file is not an error.
//!
//! ```toml
//! # Hosts and networks of your own mail system.
//! trust = ["mx1.example.com", "*.internal.example.com", "10.0.0.0/8"]
//!
//! # A mail provider or filtering gateway the tool does not know yet
//! # (same fields as its built-in list, src/providers.toml).
//! [[provider]]
//! name = "Example Hosting"
//! role = "mailbox"
//! domains = ["hosting.example"]
//! networks = ["192.0.2.0/24"]
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::providers::Provider;
use crate::trust::{BadTrustedRelay, TrustedRelay};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    trust: Vec<String>,
    #[serde(default)]
    provider: Vec<Provider>,
}

/// Settings from the config file.
#[derive(Debug, Default, Clone)]
pub struct Config {
    pub trust: Vec<TrustedRelay>,
    /// Mail providers and gateways the user adds to the built-in list.
    pub providers: Vec<Provider>,
    /// The file they came from, when there was one.
    pub path: Option<PathBuf>,
}

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("config {path}: cannot read: {source}")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error("config {path}: {message}")]
    Invalid { path: String, message: String },
    #[error("config {path}: trust: {source}")]
    BadRelay {
        path: String,
        source: BadTrustedRelay,
    },
}

/// Where the config file is looked for, from the environment.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TRACE_PATH_CONFIG") {
        return Some(PathBuf::from(p));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("trace-path").join("config.toml"))
}

/// Loads the config at `path`. A file that does not exist gives the
/// defaults; one that exists but cannot be read or parsed is an error, so
/// a typo never silently changes what is trusted.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(source) => {
            return Err(ConfigError::Unreadable {
                path: shown,
                source,
            });
        }
    };
    let file: ConfigFile = toml::from_str(&text).map_err(|e| ConfigError::Invalid {
        path: shown.clone(),
        message: e.message().to_string(),
    })?;
    let trust = file
        .trust
        .iter()
        .map(|s| s.parse())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|source| ConfigError::BadRelay {
            path: shown.clone(),
            source,
        })?;
    Ok(Config {
        trust,
        providers: file.provider,
        path: Some(path.to_path_buf()),
    })
}
